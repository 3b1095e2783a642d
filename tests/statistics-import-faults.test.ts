// The statistics import under hostile input and crashes: whatever rows a data officer sends, the answer is the
// import's summary or BAD_USER_INPUT, never a server error, and a refused batch writes nothing; a CLI killed with
// SIGKILL in the middle of an import leaves all of it or none of it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let db: pg.Client;
let serviceCodes: string[];

const SOURCE = 'motcua-illustrative';
const IMPORT = gql`mutation ($source: ID!, $rows: [DossierFigureInput!]!, $mode: ImportMode) {
  importDossierFigures(source: $source, rows: $rows, mode: $mode) { inserted corrected unchanged } }`;
const CLI = new URL('../subgraphs/statistics/src/cli/import-figures.ts', import.meta.url).pathname;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  const { data } = await graph.client.rawRequest<{ services: { nodes: { code: string }[] } }>(
    gql`{ services(first: 100) { nodes { code } } }`,
  );
  serviceCodes = data.services.nodes.map((node) => node.code);
});

afterAll(async () => {
  await db?.end();
  await graph?.stop();
});

/** Everything the import writes, summed up: any write at all changes it. */
async function footprint() {
  const { rows } = await db.query<{ figures: string; revisions: string; batches: string; digest: string }>(
    `select (select count(*) from statistics.dossier_figure) as figures,
       (select count(*) from statistics.figure_revision) as revisions,
       (select count(*) from statistics.import_batch) as batches,
       (select md5(coalesce(string_agg(f::text, ',' order by id), '')) from statistics.dossier_figure f) as digest`,
  );
  return rows[0];
}

describe('the import validator (property-based)', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('=1+1', '"quoted, with comma"', 'line\nbreak', ' ', "'; drop table x; --"),
  );
  const row = fc.record(
    {
      serviceCode: fc.oneof(fc.constantFrom('1.004884', '2.000528', '9.999999'), text),
      unitCode: fc.oneof(fc.constantFrom('00070', '00004', '00013', '01', '99999'), text),
      month: fc.oneof(fc.constantFrom('2025-03', '2025-08', '2025-13', '2099-01', '2025-7'), text),
      channel: fc.constantFrom('ONLINE', 'IN_PERSON', 'POST'),
      received: fc.oneof(fc.integer({ min: -3, max: 60 }), fc.constantFrom(2_147_483_647, -2_147_483_648)),
      resolvedOnTime: fc.option(fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant(2_147_483_647))),
      resolvedLate: fc.option(fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant(2_147_483_647))),
      pending: fc.option(fc.integer({ min: -1, max: 10 })),
      paidOnline: fc.option(fc.integer({ min: -1, max: 10 })),
      fieldCode: fc.option(text),
    },
    { requiredKeys: ['serviceCode', 'unitCode', 'month', 'channel', 'received'] },
  );

  it('answers a summary or BAD_USER_INPUT, and a refused batch writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('MERGE', 'REPLACE'),
        async (rows, mode) => {
          const before = await footprint();
          const { data, errors } = await officer
            .rawRequest<{ importDossierFigures: unknown }>(IMPORT, {
              source: SOURCE,
              rows,
              mode,
            })
            .catch(refusal);
          if (errors) {
            expect(errors.map((error) => error.extensions?.code)).toEqual(
              errors.map(() => expect.stringMatching(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/)),
            );
            expect(await footprint()).toEqual(before);
          } else {
            expect(data?.importDossierFigures).toEqual({
              inserted: expect.any(Number),
              corrected: expect.any(Number),
              unchanged: expect.any(Number),
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);
});

function run(file: string) {
  return spawn(process.execPath, [CLI, file, '--source', SOURCE], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: graph.databaseUrl,
      SERVICES_URL: graph.hub.subgraphUrls.services,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) => {
    let output = '';
    child.stdout?.on('data', (data) => {
      output += data;
    });
    child.stderr?.on('data', (data) => {
      output += data;
    });
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });

/** Waits until the import's connection runs a statement matching `pattern`, then kills the CLI with SIGKILL. */
async function killWhenRunning(child: ChildProcess, pattern: string) {
  const outcome = exited(child);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
         and state = 'active' and query ilike $1`,
      [pattern],
    );
    if (rows.length) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return outcome;
}

describe('an import killed half-way', () => {
  const ROWS = 150_000;
  let file: string;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'motcua-crash-')), 'figures.csv');
    const out = createWriteStream(file);
    out.write('serviceCode,unitCode,month,channel,received,resolvedOnTime\n');
    const { rows: communes } = await db.query<{ code: string }>(
      `select distinct new_code as code from statistics.unit_rollup order by 1 limit 1000`,
    );
    for (let index = 0; index < ROWS; index++) {
      const service = serviceCodes[index % serviceCodes.length];
      const unit = communes[Math.floor(index / serviceCodes.length) % communes.length]?.code;
      const month = `2026-${11 + Math.floor(index / (serviceCodes.length * communes.length))}`;
      if (!out.write(`${service},${unit},${month},ONLINE,${index % 50},0\n`)) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
  });

  it.each([
    ['while its rows are being copied in', '%copy %import_staging%'],
    ['while it writes the figures', 'insert into statistics.dossier_figure%'],
  ])(
    'leaves nothing when killed %s, and a rerun imports everything',
    async (_, pattern) => {
      const before = await footprint();
      const killed = await killWhenRunning(run(file), pattern);
      expect(killed.signal).toBe('SIGKILL');
      // The server notices the dead connection and rolls its transaction back.
      for (let tries = 0; tries < 100; tries++) {
        const { rows } = await db.query(
          `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike '%import_%' and state <> 'idle'`,
        );
        if (!rows.length) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await footprint()).toEqual(before);
    },
    300_000,
  );

  it('imports the whole file when left alone, and a replay changes nothing', async () => {
    const first = await exited(run(file));
    expect(first.output).toMatch(new RegExp(`: ${ROWS} inserted, 0 corrected, 0 unchanged`));
    const replay = await exited(run(file));
    expect(replay.output).toMatch(new RegExp(`: 0 inserted, 0 corrected, ${ROWS} unchanged`));
  }, 300_000);
});
