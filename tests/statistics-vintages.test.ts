// Vintages through the gateway: figures imported, then corrected, asked as known before the import, between the
// import and the correction, and after; what changed since a moment, with the previous figures; and every figure's
// status (PROVISIONAL, REVISED, FINAL) and last revision. Expectations are computed by hand from the rows below.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { ok } from './support/data-of.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;
let db: pg.Client;

// A catalog service the seed gives no figures to, in a Hà Nội ward that exists on both maps.
const SERVICE = '1.004884';
const UNIT = '00070';
// A month long closed (its figures settle) and, the month before the one in progress, a provisional one.
const OLD = '2024-03';
const RECENT = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
})();

const IMPORT = gql`mutation ($rows: [DossierFigureInput!]!) {
  importDossierFigures(source: "motcua-illustrative", rows: $rows) { inserted corrected unchanged } }`;

/** The database's clock, the one imports stamp their figures with. */
const clock = async () =>
  (await db.query<{ now: Date }>('select clock_timestamp() as now')).rows[0]?.now as Date;

let beforeImport: Date;
let betweenImportAndCorrection: Date;
let afterCorrection: Date;
let revisedAt: Date;
/** The country's figures for OLD before this test imported anything (the seed's). */
let baseline: { received: number; receivedOnline: number };

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  baseline = (
    await ok<{ usage: typeof baseline }>(
      analyst,
      `{ usage(from: "${OLD}", to: "${OLD}") { received receivedOnline } }`,
    )
  ).usage;
  beforeImport = await clock();
  const first = await ok<{ importDossierFigures: { inserted: number } }>(officer, IMPORT, {
    rows: [
      {
        serviceCode: SERVICE,
        unitCode: UNIT,
        month: OLD,
        channel: 'ONLINE',
        received: 12,
        resolvedOnTime: 10,
      },
      {
        serviceCode: SERVICE,
        unitCode: UNIT,
        month: OLD,
        channel: 'IN_PERSON',
        received: 8,
        resolvedOnTime: 8,
      },
      { serviceCode: SERVICE, unitCode: UNIT, month: RECENT, channel: 'ONLINE', received: 5 },
    ],
  });
  expect(first.importDossierFigures.inserted).toBe(3);
  betweenImportAndCorrection = await clock();
  // The ONLINE figure of OLD is corrected: 12 → 20 received, 10 → 15 on time (MERGE keeps the rest).
  const second = await ok<{ importDossierFigures: { corrected: number } }>(officer, IMPORT, {
    rows: [
      {
        serviceCode: SERVICE,
        unitCode: UNIT,
        month: OLD,
        channel: 'ONLINE',
        received: 20,
        resolvedOnTime: 15,
      },
    ],
  });
  expect(second.importDossierFigures.corrected).toBe(1);
  afterCorrection = await clock();
  const { rows } = await db.query<{ revised_at: Date }>(
    'select max(revised_at) as revised_at from statistics.figure_revision',
  );
  revisedAt = rows[0]?.revised_at as Date;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await graph?.stop();
});

const SERIES = gql`query ($asOf: DateTime, $updatedAfter: DateTime) {
  usageSeries(granularity: MONTH, from: "2024-01", to: "${RECENT}", serviceCode: "${SERVICE}", unitCode: "${UNIT}",
    asOf: $asOf, updatedAfter: $updatedAfter) {
    period received receivedOnline resolvedOnTime status lastRevisedAt
    previous { period received receivedOnline status lastRevisedAt }
  } }`;

type Point = {
  period: string;
  received: number;
  receivedOnline: number;
  resolvedOnTime: number;
  status: string;
  lastRevisedAt: string | null;
  previous: Omit<Point, 'previous' | 'resolvedOnTime'> | null;
};
const series = async (variables: Record<string, unknown>) =>
  (await ok<{ usageSeries: Point[] }>(analyst, SERIES, variables)).usageSeries;

describe('asOf: the figures as known then', () => {
  it('before the import there is nothing; between, the first figures; after, the corrected ones', async () => {
    expect(await series({ asOf: beforeImport })).toEqual([]);
    expect(await series({ asOf: betweenImportAndCorrection })).toEqual([
      {
        period: OLD,
        received: 20,
        receivedOnline: 12,
        resolvedOnTime: 18,
        status: 'FINAL',
        lastRevisedAt: null,
        previous: null,
      },
      {
        period: RECENT,
        received: 5,
        receivedOnline: 5,
        resolvedOnTime: 0,
        status: 'PROVISIONAL',
        lastRevisedAt: null,
        previous: null,
      },
    ]);
    const corrected = [
      {
        period: OLD,
        received: 28,
        receivedOnline: 20,
        resolvedOnTime: 23,
        status: 'REVISED',
        lastRevisedAt: revisedAt.toISOString(),
        previous: null,
      },
      {
        period: RECENT,
        received: 5,
        receivedOnline: 5,
        resolvedOnTime: 0,
        status: 'PROVISIONAL',
        lastRevisedAt: null,
        previous: null,
      },
    ];
    expect(await series({ asOf: afterCorrection })).toEqual(corrected);
    expect(await series({})).toEqual(corrected);
  });

  it('every aggregate answers as known then: the country, a unit, a service, a breakdown, a ranking', async () => {
    const QUERY = gql`query ($asOf: DateTime) {
      usage(from: "${OLD}", to: "${OLD}", asOf: $asOf) { received receivedOnline status lastRevisedAt }
      service(code: "${SERVICE}") { usage(from: "${OLD}", to: "${OLD}", asOf: $asOf) { received resolvedOnTime status lastRevisedAt } }
      byChannel: usageBreakdown(by: CHANNEL, from: "${OLD}", to: "${OLD}", serviceCode: "${SERVICE}", asOf: $asOf) { key received status }
      byUnit: usageBreakdown(by: UNIT, from: "${OLD}", to: "${OLD}", serviceCode: "${SERVICE}", asOf: $asOf) { key received }
    }`;
    type Answer = {
      usage: { received: number; receivedOnline: number; status: string; lastRevisedAt: string | null };
      service: {
        usage: { received: number; resolvedOnTime: number; status: string; lastRevisedAt: string | null };
      };
      byChannel: { key: string; received: number; status: string }[];
      byUnit: { key: string; received: number }[];
    };
    const [before, between, after] = await Promise.all(
      [beforeImport, betweenImportAndCorrection, afterCorrection].map((asOf) =>
        ok<Answer>(analyst, QUERY, { asOf }),
      ),
    );
    if (!before || !between || !after) throw new Error('unanswered');
    expect(before.usage).toMatchObject(baseline);
    expect(between.usage).toMatchObject({
      received: baseline.received + 20,
      receivedOnline: baseline.receivedOnline + 12,
    });
    expect(after.usage).toMatchObject({
      received: baseline.received + 28,
      receivedOnline: baseline.receivedOnline + 20,
    });
    expect(after.usage.lastRevisedAt).toBe(revisedAt.toISOString());
    expect(before.service.usage).toMatchObject({ received: 0, resolvedOnTime: 0, lastRevisedAt: null });
    expect(between.service.usage).toEqual({
      received: 20,
      resolvedOnTime: 18,
      status: 'FINAL',
      lastRevisedAt: null,
    });
    expect(after.service.usage).toEqual({
      received: 28,
      resolvedOnTime: 23,
      status: 'REVISED',
      lastRevisedAt: revisedAt.toISOString(),
    });
    expect(before.byChannel).toEqual([]);
    expect(between.byChannel).toEqual([
      { key: 'ONLINE', received: 12, status: 'FINAL' },
      { key: 'IN_PERSON', received: 8, status: 'FINAL' },
    ]);
    expect(after.byChannel).toEqual([
      { key: 'ONLINE', received: 20, status: 'REVISED' },
      { key: 'IN_PERSON', received: 8, status: 'FINAL' },
    ]);
    // The unit the ward counts towards today, and its rank by dossiers received in OLD, as known then.
    expect(between.byUnit).toHaveLength(1);
    const today = between.byUnit[0]?.key as string;
    expect(after.byUnit).toEqual([{ key: today, received: 28 }]);
    const RANKING = gql`query ($asOf: DateTime) { administrativeUnit(code: "${today}") { usage(from: "${OLD}", to: "${OLD}", asOf: $asOf) { received } }
      usageRanking(metric: RECEIVED, period: "${OLD}", within: "01", first: 500, asOf: $asOf) { unit { code } value status } }`;
    type Ranked = {
      administrativeUnit: { usage: { received: number } };
      usageRanking: { unit: { code: string }; value: number; status: string }[];
    };
    const [rankedBefore, rankedAfter] = await Promise.all(
      [beforeImport, afterCorrection].map((asOf) => ok<Ranked>(analyst, RANKING, { asOf })),
    );
    if (!rankedBefore || !rankedAfter) throw new Error('unanswered');
    expect(
      rankedAfter.administrativeUnit.usage.received - rankedBefore.administrativeUnit.usage.received,
    ).toBe(28);
    const rankedValue = (answer: Ranked) =>
      answer.usageRanking.find((row) => row.unit.code === today)?.value ?? 0;
    expect(rankedValue(rankedAfter) - rankedValue(rankedBefore)).toBe(28);
    expect(rankedAfter.usageRanking.find((row) => row.unit.code === today)?.status).toBe('REVISED');
  });
});

describe('updatedAfter: only what changed since, with the previous figures', () => {
  it('since the import: the corrected month alone, with what it was', async () => {
    expect(await series({ updatedAfter: betweenImportAndCorrection })).toEqual([
      {
        period: OLD,
        received: 28,
        receivedOnline: 20,
        resolvedOnTime: 23,
        status: 'REVISED',
        lastRevisedAt: revisedAt.toISOString(),
        previous: { period: OLD, received: 20, receivedOnline: 12, status: 'FINAL', lastRevisedAt: null },
      },
    ]);
    expect(await series({ updatedAfter: afterCorrection })).toEqual([]);
  });

  it('since before the import: every new figure, with no previous; a breakdown keyed the same way', async () => {
    const points = await series({ updatedAfter: beforeImport });
    expect(points.map((point) => [point.period, point.received, point.previous])).toEqual([
      [OLD, 28, null],
      [RECENT, 5, null],
    ]);
    const { usageBreakdown } = await ok<{
      usageBreakdown: {
        key: string;
        received: number;
        previous: { received: number; share: number } | null;
      }[];
    }>(
      analyst,
      gql`query ($since: DateTime) { usageBreakdown(by: CHANNEL, from: "${OLD}", to: "${OLD}", serviceCode: "${SERVICE}", updatedAfter: $since) {
        key received previous { received share } } }`,
      { since: betweenImportAndCorrection },
    );
    expect(usageBreakdown).toEqual([{ key: 'ONLINE', received: 20, previous: { received: 12, share: 0.6 } }]);
  });

  it('refuses an updatedAfter that is not before asOf, saying why', async () => {
    const { errors } = await analyst
      .rawRequest(SERIES, { asOf: beforeImport, updatedAfter: afterCorrection })
      .catch((error: { response: { errors: unknown } }) => ({ errors: error.response.errors }));
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('must be before `asOf`'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });
});

describe('asOf within a scope: a correction after the moment changes only the answers it is within', () => {
  // Reported under a ward dissolved on 1 July 2025 and counted towards today's 00070 (its figures are found by
  // the old code), and under another ward of the same province.
  const MONTH = '2024-05';
  const INSIDE = '00043';
  const OUTSIDE = '00082';
  let known: Date;

  const QUERY = gql`query ($asOf: DateTime) {
    inside: administrativeUnit(code: "${UNIT}") { usage(from: "${MONTH}", to: "${MONTH}", asOf: $asOf) { received } }
    outside: administrativeUnit(code: "${OUTSIDE}") { usage(from: "${MONTH}", to: "${MONTH}", asOf: $asOf) { received } }
    province: administrativeUnit(code: "01") { usage(from: "${MONTH}", to: "${MONTH}", asOf: $asOf) { received } }
    series: usageSeries(granularity: MONTH, from: "${MONTH}", to: "${MONTH}", unitCode: "${UNIT}", asOf: $asOf) { received }
    facts: usageSeries(granularity: MONTH, from: "${MONTH}", to: "${MONTH}", unitCode: "${UNIT}", serviceCode: "${SERVICE}", asOf: $asOf) { received }
    ranking: usageRanking(metric: RECEIVED, period: "${MONTH}", within: "01", first: 500, asOf: $asOf) { unit { code } value }
    cube: usageCube(dimensions: [UNIT], from: "${MONTH}", to: "${MONTH}", filter: { unitCode: "${UNIT}" }, asOf: $asOf) { nodes { unitCode received } }
  }`;
  type Answer = {
    inside: { usage: { received: number } };
    outside: { usage: { received: number } };
    province: { usage: { received: number } };
    series: { received: number }[];
    facts: { received: number }[];
    ranking: { unit: { code: string }; value: number }[];
    cube: { nodes: { unitCode: string; received: number }[] };
  };
  /** Every figure of the query, by name: the unit's in each way it can be asked, the other unit's, the province's. */
  const figures = async (asOf?: Date) => {
    const answer = await ok<Answer>(analyst, QUERY, asOf ? { asOf } : {});
    const ranked = (code: string) => answer.ranking.find((row) => row.unit.code === code)?.value ?? 0;
    return {
      inside: answer.inside.usage.received,
      series: answer.series[0]?.received ?? 0,
      facts: answer.facts[0]?.received ?? 0,
      rankedInside: ranked(UNIT),
      cube: answer.cube.nodes[0]?.received ?? 0,
      outside: answer.outside.usage.received,
      rankedOutside: ranked(OUTSIDE),
      province: answer.province.usage.received,
    };
  };
  const correct = (unitCode: string, received: number) =>
    ok(officer, IMPORT, {
      rows: [{ serviceCode: SERVICE, unitCode, month: MONTH, channel: 'ONLINE', received }],
    });

  beforeAll(async () => {
    await ok(officer, IMPORT, {
      rows: [INSIDE, OUTSIDE].map((unitCode) => ({
        serviceCode: SERVICE,
        unitCode,
        month: MONTH,
        channel: 'ONLINE',
        received: 10,
      })),
    });
    known = await clock();
  }, 60_000);

  it('a correction of another unit after the moment leaves the unit as known then as it is today', async () => {
    const then = await figures(known);
    await correct(OUTSIDE, 30);
    expect(await figures(known)).toEqual(then);
    const today = await figures();
    expect(today).toEqual({
      ...then,
      outside: then.outside + 20,
      rankedOutside: then.rankedOutside + 20,
      province: then.province + 20,
    });
    expect(then.facts).toBe(10);
  });

  it("a correction of the unit's own figure after the moment is undone as known then", async () => {
    const then = await figures(known);
    await correct(INSIDE, 15);
    expect(await figures(known)).toEqual(then);
    const today = await figures();
    expect(today).toEqual({
      inside: then.inside + 5,
      series: then.series + 5,
      facts: then.facts + 5,
      rankedInside: then.rankedInside + 5,
      cube: then.cube + 5,
      outside: then.outside + 20,
      rankedOutside: then.rankedOutside + 20,
      province: then.province + 5 + 20,
    });
  });
});
