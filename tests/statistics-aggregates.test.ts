// The analyst fields answer from pre-aggregated tables kept by triggers: here every one of them is compared, through
// the gateway, with the naive GROUP BY over the raw facts, after random imports and corrections (fast-check), on both
// maps, for today's units and dissolved ones. And the dissolved units of 1 July 2025 answer under their own keys.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type ClientError, type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;
let db: pg.Client;
/** Codes of the units in force today (dissolved units' codes carry `@2025-06-30`). */
let inForce: Set<string>;

// Catalog services the seed gives no figures to; a second data source, so figures mix provenance.
const SERVICES = ['1.004884', '2.000528'];
const SOURCES = ['motcua-illustrative', 'test-published'];
// Units as they were before 1 July 2025 (Hà Nội's wards rolled up wholly, in part, or kept; Hà Giang's, merged
// into Tuyên Quang), and today's.
const BEFORE = {
  months: ['2024-12', '2025-05', '2025-06'],
  units: ['00001', '00004', '00013', '00016', '00070', '00688', '00691', '01', '02'],
};
const AFTER = {
  months: ['2025-07', '2025-08', '2025-09'],
  units: ['00004', '00008', '00070', '00097', '00691', '00694', '01', '08'],
};
const CHANNELS = ['ONLINE', 'IN_PERSON', 'POST'];
const UNIT_FILTERS = [
  null,
  '00004',
  '00097',
  '01',
  '08',
  '00004@2025-06-30',
  '00013',
  '01@2025-06-30',
  '02@2025-06-30',
  '00691',
];
const DIMENSIONS = ['UNIT', 'PROVINCE', 'SERVICE', 'FIELD', 'CHANNEL'];
const GEOGRAPHIES = ['CURRENT', 'AS_REPORTED'];
const RANGES = [
  { from: '2024-12', to: '2025-09' },
  { from: '2025-05', to: '2025-06' },
  { from: '2025-07', to: '2025-09' },
];

const IMPORT = gql`mutation ($source: ID!, $rows: [DossierFigureInput!]!) {
  importDossierFigures(source: $source, rows: $rows) { batchId inserted corrected unchanged } }`;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  await db.query(
    `insert into statistics.data_source (id, name, publisher, illustrative, updated_at) values ($1, 'Published test figures', 'tests', false, now())`,
    [SOURCES[1]],
  );
  const { rows } = await db.query<{ code: string }>(
    `select code from services.administrative_unit where code not like '%@%'`,
  );
  inForce = new Set(rows.map((row) => row.code));
});

afterAll(async () => {
  await db?.end();
  await graph?.stop();
});

async function ok<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await analyst.rawRequest<T>(document, variables);
  expect(errors).toBeUndefined();
  return data;
}

async function importRows(source: string, rows: Record<string, unknown>[]) {
  const { errors } = await officer.rawRequest(IMPORT, { source, rows });
  expect(errors).toBeUndefined();
}

// The naive answer: every fact placed on both maps, then one GROUP BY.
const PLACED = `select f.*, coalesce(f.field_code, 'unknown') as field, s.illustrative,
    coalesce(r.new_code, f.unit_code) as unit_now, coalesce(r.new_province_code, f.province_code) as province_now,
    coalesce(r.kind = 'PARTIAL', false) as split,
    case when f.month < date '2025-07-01' then f.unit_code || '@2025-06-30' else f.unit_code end as unit_then,
    case when f.month < date '2025-07-01' then f.province_code || '@2025-06-30' else f.province_code end as province_then
  from statistics.dossier_figure f join statistics.data_source s on s.id = f.source_id
  left join statistics.unit_rollup r on f.month < date '2025-07-01' and r.old_code = f.unit_code`;

type Spec = {
  from: string;
  to: string;
  serviceCode?: string | null;
  unitCode?: string | null;
  geography?: string;
};
type Sums = {
  key: string;
  received: number;
  receivedOnline: number;
  receivedInPerson: number;
  receivedByPost: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pending: number;
  rejected: number;
  approximate: boolean;
  illustrative: boolean;
};

/** A unit as the naive SQL names it: a dissolved unit by its own key (a bare code no unit of today has is one). */
function unitFilter(code: string, geography: string) {
  const key = code.includes('@') || inForce.has(code) ? code : `${code}@2025-06-30`;
  const level = key.split('@')[0]?.length === 2 ? 'province' : 'unit';
  const map = key.includes('@') || geography === 'AS_REPORTED' ? 'then' : 'now';
  return { sql: `${level}_${map} = $`, param: key };
}

/** The naive WHERE clause of a question (its months, service and unit), with its parameters. */
function whereOf(spec: Spec) {
  const geography = spec.geography ?? 'CURRENT';
  const conditions = [`month between to_date($1, 'YYYY-MM') and to_date($2, 'YYYY-MM')`];
  const params: unknown[] = [spec.from, spec.to];
  if (spec.serviceCode) {
    params.push(spec.serviceCode);
    conditions.push(`service_code = $${params.length}`);
  }
  if (spec.unitCode) {
    const filter = unitFilter(spec.unitCode, geography);
    params.push(filter.param);
    conditions.push(`${filter.sql}${params.length}`);
  }
  return { geography, conditions, params };
}

async function naive(keyOf: (geography: string) => string, spec: Spec): Promise<Sums[]> {
  const { geography, conditions, params } = whereOf(spec);
  const { rows } = await db.query<Sums>(
    `select ${keyOf(geography)} as key, sum(received)::int as received,
       coalesce(sum(received) filter (where channel = 'ONLINE'), 0)::int as "receivedOnline",
       coalesce(sum(received) filter (where channel = 'IN_PERSON'), 0)::int as "receivedInPerson",
       coalesce(sum(received) filter (where channel = 'POST'), 0)::int as "receivedByPost",
       sum(resolved_on_time)::int as "resolvedOnTime", sum(resolved_late)::int as "resolvedLate",
       sum(pending)::int as pending, sum(rejected)::int as rejected,
       bool_or(${geography === 'CURRENT' ? 'split' : 'false'}) as approximate, bool_or(illustrative) as illustrative
     from (${PLACED}) as g where ${conditions.join(' and ')} group by 1 order by 1`,
    params,
  );
  return rows;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const PERIOD = {
  MONTH: () => `to_char(month, 'YYYY-MM')`,
  QUARTER: () => `to_char(month, 'YYYY-"Q"Q')`,
  YEAR: () => `to_char(month, 'YYYY')`,
};
const DIMENSION: Record<string, (geography: string) => string> = {
  UNIT: (geography) => (geography === 'CURRENT' ? 'unit_now' : 'unit_then'),
  PROVINCE: (geography) => (geography === 'CURRENT' ? 'province_now' : 'province_then'),
  SERVICE: () => 'service_code',
  FIELD: () => 'field',
  CHANNEL: () => 'channel',
};

const argumentsOf = (spec: Spec) =>
  [
    `from: "${spec.from}", to: "${spec.to}"`,
    spec.serviceCode ? `serviceCode: "${spec.serviceCode}"` : '',
    spec.unitCode ? `unitCode: "${spec.unitCode}"` : '',
    spec.geography ? `geography: ${spec.geography}` : '',
  ]
    .filter(Boolean)
    .join(', ');

const POINT = `period received receivedOnline onlineRate resolvedOnTime resolvedLate onTimeRate pending rejected approximate illustrative provenance { source }`;
const SHARE = `key received receivedOnline onlineRate onTimeRate share approximate provenance { source }`;

/** What the hub must answer for a series, from the naive rows. */
const expectedPoints = (rows: Sums[], sources: Map<string, string[]>) =>
  rows.map((row) => ({
    period: row.key,
    received: row.received,
    receivedOnline: row.receivedOnline,
    onlineRate: rate(row.receivedOnline, row.received),
    resolvedOnTime: row.resolvedOnTime,
    resolvedLate: row.resolvedLate,
    onTimeRate: rate(row.resolvedOnTime, row.resolvedOnTime + row.resolvedLate),
    pending: row.pending,
    rejected: row.rejected,
    approximate: row.approximate,
    illustrative: row.illustrative,
    provenance: (sources.get(row.key) ?? []).map((source) => ({ source })),
  }));

const expectedShares = (rows: Sums[], sources: Map<string, string[]>) => {
  const total = rows.reduce((sum, row) => sum + row.received, 0);
  return rows
    .map((row) => ({
      key: row.key,
      received: row.received,
      receivedOnline: row.receivedOnline,
      onlineRate: rate(row.receivedOnline, row.received),
      onTimeRate: rate(row.resolvedOnTime, row.resolvedOnTime + row.resolvedLate),
      share: rate(row.received, total) ?? 0,
      approximate: row.approximate,
      provenance: (sources.get(row.key) ?? []).map((source) => ({ source })),
    }))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
};

/** The data sources' names behind each key, as `provenance` lists them (sorted: the hub's order is not part of the contract). */
async function sourcesBy(keyOf: (geography: string) => string, spec: Spec) {
  const { geography, conditions, params } = whereOf(spec);
  const { rows } = await db.query<{ key: string; names: string[] }>(
    `select ${keyOf(geography)} as key, array_agg(distinct d.name order by d.name) as names
     from (${PLACED}) as g join statistics.data_source d on d.id = g.source_id
     where ${conditions.join(' and ')} group by 1`,
    params,
  );
  return new Map(rows.map((row) => [row.key, row.names]));
}

const sortProvenance = <T extends { provenance: { source: string }[] }>(items: T[]) =>
  items.map((item) => ({
    ...item,
    provenance: [...item.provenance].sort((a, b) => a.source.localeCompare(b.source)),
  }));

type Check = {
  query: string;
  expected: () => Promise<unknown>;
  pick: (data: unknown) => unknown;
};

function seriesCheck(granularity: keyof typeof PERIOD, spec: Spec): Check {
  return {
    query: `usageSeries(granularity: ${granularity}, ${argumentsOf(spec)}) { ${POINT} }`,
    expected: async () =>
      expectedPoints(await naive(PERIOD[granularity], spec), await sourcesBy(PERIOD[granularity], spec)),
    pick: (value) => sortProvenance(value as { provenance: { source: string }[] }[]),
  };
}

function breakdownCheck(by: string, spec: Spec): Check {
  const keyOf = DIMENSION[by] as (geography: string) => string;
  return {
    query: `usageBreakdown(by: ${by}, ${argumentsOf(spec)}) { ${SHARE} }`,
    expected: async () => expectedShares(await naive(keyOf, spec), await sourcesBy(keyOf, spec)),
    pick: (value) => sortProvenance(value as { provenance: { source: string }[] }[]),
  };
}

const METRIC: Record<string, string> = {
  RECEIVED: 'sum(received)::float8',
  ONLINE_RATE: `coalesce(sum(received) filter (where channel = 'ONLINE'), 0)::float8 / nullif(sum(received), 0)`,
  ON_TIME_RATE: 'sum(resolved_on_time)::float8 / nullif(sum(resolved_on_time) + sum(resolved_late), 0)',
};

function rankingCheck(
  metric: string,
  level: 'COMMUNE' | 'PROVINCE',
  period: string,
  within: string | null,
): Check {
  const [year, quarter] = period.split('-Q').map(Number) as [number, number];
  const month = (offset: number) => {
    const index = year * 12 + (quarter - 1) * 3 + offset;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  const ranked = (
    from: string,
    to: string,
  ) => `select key, value, rank() over (order by value desc)::int as rank from (
      select ${level === 'COMMUNE' ? 'unit_now' : 'province_now'} as key, ${METRIC[metric]} as value from (${PLACED}) as g
      where month between to_date('${from}', 'YYYY-MM') and to_date('${to}', 'YYYY-MM') ${within ? `and province_now = '${within}'` : ''}
      group by 1) as valued where value is not null`;
  return {
    query: `usageRanking(metric: ${metric}, level: ${level}, period: "${period}", first: 200${within ? `, within: "${within}"` : ''}) { rank value previousRank previousValue rankChange unit { code } }`,
    expected: async () => {
      const { rows } = await db.query(
        `select n.key, n.rank, n.value, b.rank as previous_rank, b.value as previous_value
         from (${ranked(month(0), month(2))}) n left join (${ranked(month(-3), month(-1))}) b on b.key = n.key
         order by n.rank, n.key`,
      );
      return rows.map((row) => ({
        rank: row.rank,
        value: row.value,
        previousRank: row.previous_rank,
        previousValue: row.previous_value,
        rankChange: row.previous_rank === null ? null : row.previous_rank - row.rank,
        unit: { code: row.key },
      }));
    },
    pick: (value) => value,
  };
}

const USAGE = `from to received receivedOnline receivedInPerson receivedByPost onlineRate resolvedOnTime resolvedLate onTimeRate pending rejected approximate illustrative months { month received receivedOnline onlineRate }`;

/** `usage` of the whole graph, of a unit (today's or dissolved) or of a service, against the naive monthly sums. */
function usageCheck(
  owner: 'all' | 'unit' | 'service',
  code: string | null,
  range: { from: string; to: string },
): Check {
  const spec: Spec = {
    ...range,
    unitCode: owner === 'unit' ? code : null,
    serviceCode: owner === 'service' ? code : null,
  };
  const field = `usage(from: "${range.from}", to: "${range.to}") { ${USAGE} }`;
  return {
    query:
      owner === 'all'
        ? field
        : owner === 'unit'
          ? `administrativeUnit(code: "${code}") { ${field} }`
          : `service(code: "${code}") { ${field} }`,
    expected: async () => {
      const months = await naive(PERIOD.MONTH, spec);
      const sum = (name: keyof Sums) => months.reduce((total, row) => total + (row[name] as number), 0);
      const usage = {
        ...range,
        received: sum('received'),
        receivedOnline: sum('receivedOnline'),
        receivedInPerson: sum('receivedInPerson'),
        receivedByPost: sum('receivedByPost'),
        onlineRate: rate(sum('receivedOnline'), sum('received')),
        resolvedOnTime: sum('resolvedOnTime'),
        resolvedLate: sum('resolvedLate'),
        onTimeRate: rate(sum('resolvedOnTime'), sum('resolvedOnTime') + sum('resolvedLate')),
        pending: sum('pending'),
        rejected: sum('rejected'),
        approximate: months.some((row) => row.approximate),
        illustrative: months.some((row) => row.illustrative),
        months: months.map((row) => ({
          month: row.key,
          received: row.received,
          receivedOnline: row.receivedOnline,
          onlineRate: rate(row.receivedOnline, row.received),
        })),
      };
      return owner === 'all' ? usage : { usage };
    },
    pick: (value) => value,
  };
}

/**
 * Runs checks through the gateway, one per request: the gateway prices a breakdown by unit or a ranking of 500 as
 * the rows it may read, and one of them takes most of an analyst's budget.
 */
async function runChecks(checks: Check[]) {
  for (let start = 0; start < checks.length; start += 1) {
    const group = checks.slice(start, start + 1);
    const data = await ok<Record<string, unknown>>(
      `{ ${group.map((check, index) => `c${index}: ${check.query}`).join('\n')} }`,
    );
    for (const [index, check] of group.entries()) {
      expect({
        query: check.query,
        answer: check.pick(data[`c${index}`]),
      }).toEqual({
        query: check.query,
        answer: await check.expected(),
      });
    }
  }
}

/** Every analyst field, with every dimension, on both maps, for today's and dissolved units. */
function everyCheck(): Check[] {
  const checks: Check[] = [];
  for (const geography of GEOGRAPHIES) {
    for (const unitCode of UNIT_FILTERS) {
      for (const serviceCode of [null, SERVICES[0] as string]) {
        const spec = { ...(RANGES[0] as Spec), unitCode, serviceCode, geography };
        checks.push(seriesCheck('QUARTER', spec));
        for (const by of DIMENSIONS) checks.push(breakdownCheck(by, spec));
      }
    }
  }
  for (const range of RANGES) {
    checks.push(seriesCheck('MONTH', { ...range }), seriesCheck('YEAR', { ...range, unitCode: '01' }));
    checks.push(usageCheck('all', null, range));
    // The catalog knows a dissolved unit by its key only (a bare code it does not know is NOT_FOUND there).
    for (const unit of UNIT_FILTERS.filter((code) => code !== null && code !== '00013')) {
      checks.push(usageCheck('unit', unit as string, range));
    }
    for (const service of SERVICES) checks.push(usageCheck('service', service, range));
  }
  for (const metric of Object.keys(METRIC)) {
    for (const period of ['2025-Q2', '2025-Q3']) {
      checks.push(
        rankingCheck(metric, 'COMMUNE', period, null),
        rankingCheck(metric, 'COMMUNE', period, '01'),
      );
      checks.push(rankingCheck(metric, 'PROVINCE', period, null));
    }
  }
  return checks;
}

/** A batch of figures: unique by service, unit, month and channel, each unit valid in its month. */
const batch = fc.uniqueArray(
  fc
    .record({
      service: fc.constantFrom(...SERVICES),
      before: fc.boolean(),
      unit: fc.nat(8),
      month: fc.nat(2),
      channel: fc.constantFrom(...CHANNELS),
      received: fc.nat(60),
      onTime: fc.nat(60),
      late: fc.nat(60),
      pending: fc.nat(5),
      rejected: fc.nat(5),
      fieldCode: fc.constantFrom('ho-tich', 'dat-dai'),
    })
    .map((row) => {
      const map = row.before ? BEFORE : AFTER;
      const resolvedOnTime = Math.min(row.onTime, row.received);
      return {
        serviceCode: row.service,
        unitCode: map.units[row.unit % map.units.length] as string,
        month: map.months[row.month] as string,
        channel: row.channel,
        received: row.received,
        resolvedOnTime,
        resolvedLate: Math.min(row.late, row.received - resolvedOnTime),
        pending: row.pending,
        rejected: row.rejected,
        fieldCode: row.fieldCode,
      };
    }),
  {
    minLength: 1,
    maxLength: 30,
    selector: (row) => `${row.serviceCode}|${row.unitCode}|${row.month}|${row.channel}`,
  },
);

describe('dissolved units answer under their own keys (regression)', () => {
  const SERVICE = SERVICES[1] as string;
  beforeAll(async () => {
    // Trúc Bạch (00004 until 30 June 2025) and Phường Ba Đình (00004 since): the same official code.
    await importRows(SOURCES[0] as string, [
      {
        serviceCode: SERVICE,
        unitCode: '00004',
        month: '2025-05',
        channel: 'ONLINE',
        received: 7,
        resolvedOnTime: 7,
      },
      {
        serviceCode: SERVICE,
        unitCode: '00013',
        month: '2025-05',
        channel: 'ONLINE',
        received: 3,
        resolvedOnTime: 3,
      },
      {
        serviceCode: SERVICE,
        unitCode: '00004',
        month: '2025-08',
        channel: 'ONLINE',
        received: 11,
        resolvedOnTime: 11,
      },
    ]);
  });

  it('gives a dissolved ward its own figures, and keys them by the ward, never by the code of today', async () => {
    const data = await ok<{
      truc: { usage: { received: number } };
      reported: { key: string; received: number }[];
      series: { period: string; received: number }[];
      mine: { key: string; received: number }[];
    }>(gql`{
      truc: administrativeUnit(code: "00004@2025-06-30") { usage(from: "2025-01", to: "2025-06") { received } }
      reported: usageBreakdown(by: UNIT, from: "2025-01", to: "2025-06", geography: AS_REPORTED) { key received }
      series: usageSeries(granularity: MONTH, from: "2025-01", to: "2025-06", serviceCode: "${SERVICE}", unitCode: "00004@2025-06-30", geography: AS_REPORTED) { period received }
      mine: usageBreakdown(by: UNIT, from: "2025-01", to: "2025-09", serviceCode: "${SERVICE}", geography: AS_REPORTED) { key received }
    }`);
    expect(data.series).toEqual([{ period: '2025-05', received: 7 }]);
    expect(data.mine).toEqual([
      { key: '00004', received: 11 },
      { key: '00004@2025-06-30', received: 7 },
      { key: '00013@2025-06-30', received: 3 },
    ]);
    // The seed's illustrative figures for Trúc Bạch (January to June 2025) and these 7.
    const truc = data.reported.find((share) => share.key === '00004@2025-06-30');
    expect(truc?.received).toBeGreaterThan(7);
    expect(data.truc.usage.received).toBe(truc?.received);
    expect(data.reported.map((share) => share.key).filter((key) => !key.endsWith('@2025-06-30'))).toEqual([]);
  });

  it('gives the old province its own figures, by its key', async () => {
    const data = await ok<{
      old: { usage: { received: number } };
      series: { period: string; received: number }[];
      provinces: { key: string; received: number }[];
      today: { period: string; received: number }[];
    }>(gql`{
      old: administrativeUnit(code: "01@2025-06-30") { usage(from: "2025-01", to: "2025-06") { received } }
      series: usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}", unitCode: "01@2025-06-30", geography: AS_REPORTED) { period received }
      provinces: usageBreakdown(by: PROVINCE, from: "2025-01", to: "2025-09", serviceCode: "${SERVICE}", geography: AS_REPORTED) { key received }
      today: usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}", unitCode: "01") { period received }
    }`);
    expect(data.series).toEqual([{ period: '2025', received: 10 }]);
    expect(data.provinces).toEqual([
      { key: '01', received: 11 },
      { key: '01@2025-06-30', received: 10 },
    ]);
    expect(data.today).toEqual([{ period: '2025', received: 21 }]);
    expect(data.old.usage.received).toBeGreaterThanOrEqual(10);
  });
});

describe('usage ranges', () => {
  it('refuses a range longer than 120 months, saying the allowed span', async () => {
    // Refused by the gateway before any subgraph is asked, as an HTTP 400.
    const refusal = await graph.client
      .rawRequest(gql`{ usage(from: "0001-01", to: "9999-12") { received } }`)
      .then(
        () => undefined,
        (error: ClientError) => error.response,
      );
    expect(refusal?.status).toBe(400);
    const errors = refusal?.errors;
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/at most 120 months \(10 years\)/);
  });

  it('says whether the range has ended', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const answer = await ok<{ past: { complete: boolean }; now: { complete: boolean } }>(gql`{
      past: usage(from: "2025-01", to: "2025-12") { complete }
      now: usage(from: "2025-01", to: "${month}") { complete }
    }`);
    expect(answer).toEqual({ past: { complete: true }, now: { complete: false } });
  });
});

describe('every analyst field against the naive GROUP BY over the raw facts', () => {
  it('agrees after random imports and corrections, on both maps', async () => {
    await fc.assert(
      fc.asyncProperty(batch, fc.constantFrom(...SOURCES), fc.nat(1_000), async (rows, source, pick) => {
        await importRows(source, rows);
        // A sample of every check after each import; all of them at the end.
        const checks = everyCheck();
        await runChecks(
          [0, 1, 2, 3, 4, 5].map((offset) => checks[(pick * 7 + offset * 31) % checks.length] as Check),
        );
      }),
      { numRuns: 12 },
    );
    await runChecks(everyCheck());
  });

  it('stays exact when facts are deleted or moved by hand, whatever writes them', async () => {
    await db.query(`delete from statistics.dossier_figure where service_code = $1 and channel = 'POST'`, [
      SERVICES[0],
    ]);
    await db.query(
      `update statistics.dossier_figure set received = received + 1, pending = pending + 1 where service_code = $1 and channel = 'ONLINE'`,
      [SERVICES[1]],
    );
    await runChecks(everyCheck());
  });

  it('holds what a rebuild from the facts gives, the bulk-load path', async () => {
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          ['usage_by_unit', 'usage_by_province', 'usage_by_service'].map(async (table) => {
            const { rows } = await db.query(`select * from statistics.${table} order by 1, 2, 3, 4, 5, 6, 7`);
            return [table, rows] as const;
          }),
        ),
      );
    const kept = await snapshot();
    expect(kept.usage_by_unit?.length).toBeGreaterThan(0);
    await db.query('select statistics.rebuild_usage_aggregates()');
    expect(await snapshot()).toEqual(kept);
  });
});
