import type { SqlEntityManager } from '@mikro-orm/sql';
import { ConfigError, loadConfig } from '@motcua/config';
import { openDatabase } from '@motcua/db';
import { type RowProblem, rowName } from '@motcua/errors';
import { GraphQLError } from 'graphql';
import { createPeers, type Peers, type PeerUrls } from './peers.ts';
import type { SubgraphModule } from './subgraph-module.ts';

/**
 * Runs an import from the command line against the configured database (DATABASE_URL, or the embedded one):
 * prints the summary `run` returns, or, when the batch is refused, "nothing was written" and every bad row; exits
 * 1 on any failure.
 */
export async function runImportCommand<Loaders>(
  module: SubgraphModule<Loaders>,
  file: string,
  run: (em: SqlEntityManager, peers: Peers) => Promise<string>,
  /** Where peers answer, when not where the configuration says (a catalog started by the command itself). */
  peerUrls?: PeerUrls,
): Promise<void> {
  try {
    const config = loadConfig();
    const orm = await openDatabase({
      owner: module.name,
      target: config.database,
      entities: module.entities,
      migrations: module.migrations,
    });
    try {
      const peers = createPeers(module.name, peerUrls ?? config.subgraphUrls, {
        peerSecret: config.identity.peerSecret,
        timeoutMs: config.subgraphTimeoutMs,
      });
      console.log(`${file}: ${await run(orm.em.fork(), peers)}`);
    } finally {
      await orm.close();
    }
  } catch (error) {
    reportImportFailure(file, error);
  }
}

/**
 * How an import command says it failed (exit code 1): "nothing was written" and every bad row of a refused batch,
 * or the reason.
 */
export function reportImportFailure(file: string, error: unknown): void {
  process.exitCode = 1;
  if (error instanceof GraphQLError) {
    const rows = (error.extensions.rows ?? []) as RowProblem[];
    console.error(`${file}: nothing was written.${rows.length ? '' : ` ${error.message}`}`);
    for (const problem of rows) {
      console.error(
        `  ${rowName(problem)}${problem.code ? ` (${problem.code})` : ''}: ${problem.reasons.join('; ')}`,
      );
    }
    return;
  }
  console.error(error instanceof ConfigError || error instanceof SyntaxError ? error.message : error);
}
