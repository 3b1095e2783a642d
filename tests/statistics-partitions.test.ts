// The facts are partitioned by month (migration 0015): the hub makes the coming months' partitions at its start
// (FACT_PARTITIONS_AHEAD), from two sessions at once without a fault; an import of months with none makes theirs;
// a commune's series over some months reads only their partitions (its own statement, EXPLAINed); and
// `pnpm statistics:partitions archive` moves a month out to a file, keeps its aggregates, and makes the raw-fact
// reads and imports of that month say it is archived.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClientError, type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { startTestHub, type TestHub } from './support/test-hub.ts';

const CLI = new URL('../subgraphs/statistics/src/cli/partitions.ts', import.meta.url).pathname;
const AHEAD = 3;
const SERVICE = '1.004884';
const archiveDir = mkdtempSync(join(tmpdir(), 'motcua-archive-'));
let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;
let db: pg.Client;
/** The statistics subgraph's statements while `capturing`. */
let capturing = false;
const captured: string[] = [];

const IMPORT = gql`mutation ($rows: [DossierFigureInput!]!) {
  importDossierFigures(source: "motcua-illustrative", rows: $rows) { inserted corrected } }`;

beforeAll(async () => {
  graph = await startTestHub({
    env: { FACT_PARTITIONS_AHEAD: String(AHEAD) },
    onSql: (subgraph, sql) => {
      if (capturing && subgraph === 'statistics') captured.push(sql);
    },
  });
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await graph?.stop();
  rmSync(archiveDir, { recursive: true, force: true });
});

/** The errors of a refused request (a refusal comes as an HTTP 4xx, which the client throws). */
const refusal = (client: GraphQLClient, document: string, variables?: Record<string, unknown>) =>
  client.rawRequest(document, variables).then(
    (response) => response.errors,
    (error: ClientError) => error.response.errors,
  );

const partitions = async () =>
  (
    await db.query<{ relname: string }>(
      `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = 'statistics.dossier_figure'::regclass order by 1`,
    )
  ).rows.map((row) => row.relname);

const monthName = (date: Date, plus: number) => {
  const month = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + plus, 1));
  return `dossier_figure_${month.toISOString().slice(0, 7).replace('-', '_')}`;
};

const partitionsOf = async (from: string, to: string) =>
  (await partitions()).filter((name) => name >= partitionName(from) && name <= partitionName(to));
const partitionName = (month: string) => `dossier_figure_${month.replace('-', '_')}`;

const cli = (...args: string[]) =>
  new Promise<{ stdout: string; stderr: string; failed: boolean }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: graph.databaseUrl,
          FACT_PARTITIONS_AHEAD: String(AHEAD),
          LOG_LEVEL: 'silent',
        },
      },
      (error, stdout, stderr) => resolve({ stdout, stderr, failed: Boolean(error) }),
    );
  });

describe('the monthly partitions of the facts', () => {
  it('are made ahead at the start, once, however many sessions make them at a time', async () => {
    const now = new Date();
    const expected = Array.from({ length: AHEAD + 1 }, (_, plus) => monthName(now, plus));
    // The hub makes them in the background of its start: they come within seconds.
    for (let tries = 0; tries < 100; tries++) {
      const present = await partitions();
      if (expected.every((name) => present.includes(name))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const present = await partitions();
    expect(present).toEqual(expect.arrayContaining(expected));
    expect(present).not.toContain(monthName(now, AHEAD + 1));
    // The seeded months have theirs (the seeder makes them), and no default partition exists.
    expect(await partitionsOf('2025-01', '2026-10')).toHaveLength(22);
    expect(present.every((name) => /^dossier_figure_\d{4}_\d{2}$/.test(name))).toBe(true);

    // Two sessions at once: the second waits for the first's lock, then finds nothing to make.
    const other = new pg.Client({ connectionString: graph.databaseUrl });
    await other.connect();
    try {
      const months = JSON.stringify(['2030-01-01', '2030-02-15']);
      const call = `select statistics.create_fact_partitions(array(select jsonb_array_elements_text($1::jsonb)::date)) as created`;
      await db.query('begin');
      const first = await db.query<{ created: number }>(call, [months]);
      const second = other.query<{ created: number }>(call, [months]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.query('commit');
      expect(first.rows[0]?.created).toBe(2);
      expect((await second).rows[0]?.created).toBe(0);
      expect(await partitionsOf('2030-01', '2030-12')).toEqual([
        'dossier_figure_2030_01',
        'dossier_figure_2030_02',
      ]);
    } finally {
      await other.end();
    }
    const again = await cli('create');
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^0 partitions created \(the current month and 3 ahead\)/);
  });

  it('are made by an import for the months it brings, in its transaction', async () => {
    expect(await partitionsOf('2019-01', '2019-12')).toEqual([]);
    const row = (month: string, channel: string, received: number) => ({
      serviceCode: SERVICE,
      unitCode: '00004',
      month,
      channel,
      received,
    });
    // A refused batch leaves no partition behind.
    const refused = await refusal(officer, IMPORT, {
      rows: [row('2019-03', 'ONLINE', 10), { ...row('2019-04', 'ONLINE', 1), unitCode: '99999' }],
    });
    expect(refused?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await partitionsOf('2019-01', '2019-12')).toEqual([]);

    const { data } = await officer.rawRequest<{ importDossierFigures: { inserted: number } }>(IMPORT, {
      rows: [row('2019-03', 'ONLINE', 10), row('2019-03', 'IN_PERSON', 5), row('2019-05', 'ONLINE', 3)],
    });
    expect(data.importDossierFigures.inserted).toBe(3);
    expect(await partitionsOf('2019-01', '2019-12')).toEqual([
      'dossier_figure_2019_03',
      'dossier_figure_2019_05',
    ]);
    const stored = await db.query<{ n: number }>(
      'select count(*)::int as n from statistics.dossier_figure_2019_03',
    );
    expect(stored.rows[0]?.n).toBe(2);
    // A correction, so that the month has a revision to archive with it.
    await officer.rawRequest(IMPORT, { rows: [row('2019-03', 'ONLINE', 12)] });
  });

  it('are pruned: a commune’s series over some months reads only their partitions', async () => {
    captured.length = 0;
    capturing = true;
    const { usageSeries } = await analyst.request<{ usageSeries: { period: string; received: number }[] }>(
      gql`{ usageSeries(granularity: MONTH, from: "2025-08", to: "2025-10", serviceCode: "1.001193", unitCode: "00004") { period received } }`,
    );
    capturing = false;
    expect(usageSeries.map((point) => point.period)).toEqual(['2025-08', '2025-09', '2025-10']);
    const statement = captured.find((sql) => sql.includes('statistics.dossier_figure'));
    expect(statement).toBeDefined();
    // The statement as the ORM sent it, its parameters in place (the range twice: the months, and the check that
    // none is archived; the service; the stored codes of the commune; the commune).
    const stored = (
      await db.query<{ code: string }>(
        `select '00004' as code union select old_code from statistics.unit_rollup where new_code = '00004'`,
      )
    ).rows.map((row) => `'${row.code}'`);
    const params = [
      "'2025-08'",
      "'2025-10'",
      "'2025-08'",
      "'2025-10'",
      "'1.001193'",
      stored.join(', '),
      "'00004'",
    ];
    const bound = (statement ?? '').replace(/\?/g, () => params.shift() ?? '?');
    expect(params).toEqual([]);
    const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${bound}`);
    const scanned = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const relation = (node as Record<string, unknown>)['Relation Name'];
      if (typeof relation === 'string' && relation.startsWith('dossier_figure')) scanned.add(relation);
      for (const value of Object.values(node)) walk(value);
    };
    walk(rows[0]?.['QUERY PLAN']);
    expect([...scanned].sort()).toEqual([
      'dossier_figure_2025_08',
      'dossier_figure_2025_09',
      'dossier_figure_2025_10',
    ]);
  });

  it('are archived to a file, keeping the aggregates, and the raw facts of the month say they are archived', async () => {
    const byUnit = gql`{ usageSeries(granularity: MONTH, from: "2019-03", to: "2019-03", unitCode: "00004@2025-06-30") { period received } }`;
    const before = await analyst.request<{ usageSeries: { received: number }[] }>(byUnit);
    expect(before.usageSeries[0]?.received).toBe(17);

    const archived = await cli('archive', '--before', '2019-04', '--to', archiveDir);
    expect(archived.stderr).toBe('');
    expect(archived.stdout).toMatch(
      /^2019-03: 2 facts \(17 received\) archived to .*dossier_figure_2019_03\.csv\.gz\n$/,
    );
    const [header, ...lines] = gunzipSync(readFileSync(join(archiveDir, 'dossier_figure_2019_03.csv.gz')))
      .toString()
      .trim()
      .split('\n');
    expect(header?.split(',').slice(0, 7)).toEqual([
      'id',
      'service_code',
      'unit_code',
      'province_code',
      'month',
      'channel',
      'received',
    ]);
    expect(lines.map((line) => line.split(',').slice(5, 7).join(' ')).sort()).toEqual([
      '"IN_PERSON" "5"',
      '"ONLINE" "12"',
    ]);
    const revisions = gunzipSync(readFileSync(join(archiveDir, 'figure_revision_2019_03.csv.gz')))
      .toString()
      .trim()
      .split('\n');
    expect(revisions).toHaveLength(2);
    expect(await partitionsOf('2019-01', '2019-12')).toEqual(['dossier_figure_2019_05']);
    const listed = await cli('list');
    expect(listed.stdout).toMatch(/2019-03 {2}archived .*: 2 facts in .*dossier_figure_2019_03\.csv\.gz/);

    // The aggregates still hold the month: the published figures answer as before.
    expect(await analyst.request(byUnit)).toEqual(before);
    // A question only the raw facts answer says the month is archived, rather than answering with less.
    const raw = await refusal(
      analyst,
      gql`{ usageSeries(granularity: MONTH, from: "2019-01", to: "2019-06", serviceCode: "${SERVICE}", unitCode: "00004@2025-06-30") { period received } }`,
    );
    expect(raw?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FACTS_ARCHIVED' });
    expect(raw?.[0]?.message).toMatch(/raw facts of 2019-03 are archived/);
    // Months after it still answer from the raw facts.
    const later = await analyst.request<{ usageSeries: { period: string; received: number }[] }>(
      gql`{ usageSeries(granularity: MONTH, from: "2019-05", to: "2019-05", serviceCode: "${SERVICE}", unitCode: "00004@2025-06-30") { period received } }`,
    );
    expect(later.usageSeries).toEqual([{ period: '2019-05', received: 3 }]);
    // And no import writes the month again (it would count twice in the aggregates).
    const again = await refusal(officer, IMPORT, {
      rows: [{ serviceCode: SERVICE, unitCode: '00004', month: '2019-03', channel: 'POST', received: 1 }],
    });
    expect(JSON.stringify(again?.[0]?.extensions)).toMatch(/month 2019-03 is archived/);
  });
});
