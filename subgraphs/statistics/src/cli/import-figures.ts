// `pnpm statistics:import <figures.csv|figures.json> --source <data source id> [--replace] [--hub <gateway URL>]`:
// validates monthly dossier figures and imports them in one transaction, exactly like `importDossierFigures`. A CSV
// file is streamed (memory stays flat whatever its size); a JSON file (an array of rows) is read whole.
//
// Where the figures go, so that the command and a running hub always agree:
// - a hub runs on the embedded databases of DATA_DIR (it has them open; nothing else may write them), or --hub
//   names one: the file is sent to its gateway (`POST /imports/dossier-figures`) as a data officer, with
//   MOTCUA_TOKEN (a staff JWT or an API key) or, without it, a one-hour DATA_OFFICER token signed with the
//   configured JWT_SECRET; the hub's readers see the figures at once;
// - no hub runs on the embedded databases: the command opens them itself, and starts the catalog in process to
//   check service codes;
// - DATABASE_URL: the command writes to that database (a running hub reads the same tables and sees the figures at
//   once); service codes are checked against the catalog at SERVICES_URL (default: the local hub).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig, type SubgraphUrls } from '@motcua/config';
import { embeddedDataOwner } from '@motcua/db';
import {
  reportImportFailure,
  runImportCommand,
  type SubgraphModule,
  startSubgraph,
} from '@motcua/subgraph-runtime';
import express from 'express';
import { GraphQLError } from 'graphql';
import { importFigureCsv, rowsAsCsv } from '../figures-import/import-figures.ts';
import { statisticsSubgraph } from '../subgraph.ts';
import { progressReporter } from './progress.ts';

const USAGE =
  'Usage: pnpm statistics:import <figures.csv|figures.json> --source <data source id> [--replace] [--hub <gateway URL>]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' },
    replace: { type: 'boolean', default: false },
    hub: { type: 'string' },
  },
});
const [file] = positionals;
if (!file || !values.source) {
  console.error(USAGE);
  process.exit(2);
}
const sourceId = values.source;
const mode = values.replace ? 'REPLACE' : 'MERGE';
const csv = extname(file).toLowerCase() === '.csv';
const summaryLine = (summary: { inserted: number; corrected: number; unchanged: number; batchId: string }) =>
  `${summary.inserted} inserted, ${summary.corrected} corrected, ${summary.unchanged} unchanged (batch ${summary.batchId})`;

let bytesRead = 0;
async function* readFigures(): AsyncGenerator<Uint8Array | string> {
  if (!csv) {
    yield* rowsAsCsv(JSON.parse(readFileSync(file as string, 'utf8')) as unknown[]);
    return;
  }
  for await (const data of createReadStream(file as string, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    bytesRead += data.length;
    yield data;
  }
}

/** Rows in `data`: its newlines (a quoted cell may hold one, so this is what a progress display needs, no more). */
const newlines = (data: Uint8Array | string) => {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  let count = 0;
  for (let index = buffer.indexOf(10); index >= 0; index = buffer.indexOf(10, index + 1)) count++;
  return count;
};

/** A data officer's credential for the hub: MOTCUA_TOKEN, or a token signed with the configured JWT secret. */
async function credential(config: Config): Promise<Record<string, string>> {
  const given = config.commandToken;
  if (given) return given.startsWith('mc_') ? { 'x-api-key': given } : { authorization: `Bearer ${given}` };
  if (!config.jwt.secret) {
    throw new ConfigError(
      'A hub runs: set MOTCUA_TOKEN to a DATA_OFFICER token or API key so the file can be sent to it',
    );
  }
  const { signStaffToken } = await import('@motcua/gateway');
  const token = await signStaffToken(config.jwt, {
    role: 'DATA_OFFICER',
    subject: 'statistics-import-cli',
    expiresIn: '1h',
  });
  return { authorization: `Bearer ${token}` };
}

/** Sends the file to a running hub's import endpoint, streamed, and prints what the hub did. */
async function sendToHub(config: Config, gateway: string): Promise<void> {
  const url = new URL('/imports/dossier-figures', gateway);
  url.searchParams.set('source', sourceId);
  url.searchParams.set('mode', mode);
  const progress = progressReporter(csv ? statSync(file as string).size : null, () => bytesRead);
  let rows = -1;
  try {
    const headers = await credential(config);
    const body = Readable.from(
      (async function* () {
        for await (const data of readFigures()) {
          rows += newlines(data);
          progress.update({ phase: 'reading', rows: Math.max(rows, 0) });
          yield data;
        }
        progress.update({ phase: 'checking', rows: Math.max(rows, 0) });
      })(),
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const answer = (await response.json()) as
      | { batchId: string; inserted: number; corrected: number; unchanged: number }
      | { errors: { message: string; extensions?: Record<string, unknown> }[] };
    progress.stop();
    if ('errors' in answer) {
      const [error] = answer.errors;
      throw new GraphQLError(error?.message ?? `The hub answered ${response.status}`, {
        extensions: error?.extensions,
      });
    }
    console.log(`${file}: ${summaryLine(answer)} (through the hub at ${gateway})`);
  } catch (error) {
    progress.stop();
    if (error instanceof TypeError) {
      reportImportFailure(
        file as string,
        new ConfigError(`The hub at ${gateway} did not answer: ${error.message}`),
      );
    } else reportImportFailure(file as string, error);
  }
}

/**
 * The catalog, started in this process on the embedded database it keeps when no hub runs: service codes are
 * checked by asking it, as always, never by reading its tables.
 */
async function localCatalog(config: Config): Promise<{ urls: SubgraphUrls; stop: () => Promise<void> }> {
  const { default: services } = (await import(
    new URL('../../../services/src/index.ts', import.meta.url).href
  )) as { default: SubgraphModule<unknown> };
  const running = await startSubgraph(services, config);
  const server = createServer(express().use('/services', running.router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    urls: { ...config.subgraphUrls, services: `http://127.0.0.1:${port}/services/graphql` },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await running.stop();
    },
  };
}

async function importHere(config: Config | null): Promise<void> {
  const catalog = config?.database.kind === 'embedded' ? await localCatalog(config) : null;
  try {
    await runImportCommand(
      statisticsSubgraph,
      file as string,
      async (em, peers) => {
        const progress = progressReporter(csv ? statSync(file as string).size : null, () => bytesRead);
        try {
          return summaryLine(
            await importFigureCsv(em, readFigures(), {
              sourceId,
              mode,
              importedBy: 'cli',
              peers,
              onProgress: progress.update,
            }),
          );
        } finally {
          progress.stop();
        }
      },
      catalog?.urls,
    );
  } finally {
    await catalog?.stop();
  }
}

let config: Config | null = null;
try {
  config = loadConfig();
} catch (error) {
  // runImportCommand reports a bad configuration the way it reports every failure.
  if (!(error instanceof ConfigError)) throw error;
}
const hub =
  values.hub ??
  (config?.database.kind === 'embedded' ? embeddedDataOwner(config.database.dataDir)?.gateway : null);
if (hub && config) await sendToHub(config, hub);
else await importHere(config);
