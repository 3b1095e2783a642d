import type { Config } from '@motcua/config';
import { type Orm, openDatabase, type SqlListener } from '@motcua/db';
import { jsonErrorHandler } from '@motcua/errors';
import { requireGatewayIdentity } from '@motcua/identity';
import { requestIdMiddleware, traceRequests } from '@motcua/observability';
import express, { type Router } from 'express';
import { createPeers, type PeerUrls } from './peers.ts';
import type { SubgraphModule } from './subgraph-module.ts';
import { createSubgraphServer, subgraphHandler } from './subgraph-server.ts';

export type RunningSubgraph = {
  name: string;
  orm: Orm;
  /** Serves `POST /graphql` (and GET for simple queries). */
  router: Router;
  stop: () => Promise<void>;
};

/** What a start needs beside the configuration. */
export type StartOptions = {
  onSql?: SqlListener;
  /** Where the other subgraphs answer, when not where the configuration says (the hub fills it in once they listen). */
  peerUrls?: PeerUrls;
};

/** Opens the subgraph's database (migrated, seeded on demand) and starts its GraphQL server. */
export async function startSubgraph<Loaders>(
  module: SubgraphModule<Loaders>,
  config: Config,
  options: StartOptions = {},
): Promise<RunningSubgraph> {
  const { identity } = config;
  // Built first: a schema its resolvers do not match stops the start before any database is touched.
  const server = createSubgraphServer(module);
  const orm = await openDatabase({
    owner: module.name,
    target: config.database,
    entities: module.entities,
    migrations: module.migrations,
    onSql: options.onSql,
  });
  try {
    if (config.exampleData) await orm.seeder.seed(...module.seeders);
    else await module.retireExampleData?.(orm.em.fork());
    await server.start();
    const router = express.Router();
    const peers = createPeers(module.name, options.peerUrls ?? config.subgraphUrls, {
      peerSecret: identity.peerSecret,
      timeoutMs: config.subgraphTimeoutMs,
    });
    router.use(requestIdMiddleware(), traceRequests(), requireGatewayIdentity(identity, module.name));
    if (module.routes) router.use(module.routes(orm, peers));
    router.use(
      '/graphql',
      express.json({ limit: '5mb' }),
      subgraphHandler(server, (caller) => {
        const em = orm.em.fork();
        return { em, loaders: module.createLoaders(em, caller), caller, peers };
      }),
    );
    router.use(jsonErrorHandler());
    return {
      name: module.name,
      orm,
      router,
      stop: async () => {
        await server.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
