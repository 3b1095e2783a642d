// The Decision 766 service index, its imports and the campaign comparison group, through the gateway, on figures
// small enough to check with a pencil (Cao Bằng's communes, which the example data leaves empty).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;
let editor: GraphQLClient;
let db: pg.Client;

const SOURCE = 'test-766';
const [A, B, C, D, E, F] = ['01273', '01279', '01288', '01290', '01294', '01297'];

const figure = (
  serviceCode: string,
  unitCode: string,
  month: string,
  channel: string,
  received: number,
  resolvedOnTime = received,
  resolvedLate = 0,
) => ({ serviceCode, unitCode, month, channel, received, resolvedOnTime, resolvedLate });

const IMPORT_FIGURES = gql`mutation ($rows: [DossierFigureInput!]!) { importDossierFigures(source: "test-766", rows: $rows) { inserted } }`;
const IMPORT_INPUTS = gql`mutation ($rows: [ServiceIndexInputRow!]!, $mode: ImportMode) {
  importServiceIndexInputs(source: "test-766", rows: $rows, mode: $mode) { inserted corrected unchanged } }`;
const IMPORT_SURVEYS = gql`mutation ($rows: [SatisfactionSurveyRow!]!) {
  importSatisfactionSurveys(source: "test-766", rows: $rows) { inserted corrected unchanged } }`;

const A_INPUTS = [
  ['PROCEDURES', 50],
  ['PUBLISHED_PROCEDURES', 40],
  ['SYNCED_DOSSIERS', 90],
  ['DIGITISED_DOSSIERS', 50],
  ['REUSED_DOSSIERS', 25],
  ['FEE_DOSSIERS', 40],
  ['PAID_ONLINE', 16],
].map(([input, value]) => ({ unitCode: A, month: '2026-01', input, value }));

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  editor = await graph.as('EDITOR');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  await db.query(
    `insert into statistics.data_source (id, name, publisher, illustrative, updated_at) values ($1, 'Hand-made 766 figures', 'tests', false, now())`,
    [SOURCE],
  );
  await ok(officer, IMPORT_FIGURES, {
    rows: [
      figure('1.001193', A, '2026-01', 'ONLINE', 80, 76, 4),
      figure('1.001193', A, '2026-01', 'IN_PERSON', 20, 19, 1),
      figure('1.001193', B, '2026-01', 'ONLINE', 50, 50, 0),
      figure('1.001193', B, '2026-01', 'IN_PERSON', 50, 40, 10),
      figure('1.001193', B, '2025-12', 'ONLINE', 90),
      figure('1.001193', B, '2025-12', 'IN_PERSON', 10),
      figure('1.001193', A, '2026-02', 'ONLINE', 10),
      // The campaign's service in its target commune C, two comparable communes D and E, and F (far off before).
      ...[
        [C, [20, 50, 60]],
        [D, [25, 30, 30]],
        [E, [15, 20, 20]],
        [F, [90, 90, 90]],
      ].flatMap(([unit, online]) =>
        ['2026-03', '2026-04', '2026-05'].flatMap((month, index) => [
          figure('2.000528', unit as string, month, 'ONLINE', (online as number[])[index] as number),
          figure(
            '2.000528',
            unit as string,
            month,
            'IN_PERSON',
            100 - ((online as number[])[index] as number),
          ),
        ]),
      ),
    ],
  });
  expect(await ok(officer, IMPORT_INPUTS, { rows: A_INPUTS })).toEqual({
    importServiceIndexInputs: { inserted: 7, corrected: 0, unchanged: 0 },
  });
  expect(
    await ok(officer, IMPORT_SURVEYS, {
      rows: [{ unitCode: A, from: '2026-01', to: '2026-01', respondents: 100, satisfied: 85 }],
    }),
  ).toEqual({ importSatisfactionSurveys: { inserted: 1, corrected: 0, unchanged: 0 } });
});

afterAll(async () => {
  await db?.end();
  await graph?.stop();
});

const SCORE = `criteriaVersion points maxPoints assessedMaxPoints inputsMissing illustrative unit { code }
  groups { group points maxPoints inputsMissing }
  criteria { code points maxPoints rate inputsMissing missingInputs inputs { input origin value }
    toRaise { more input pointsGained description(language: EN) } }`;

type Criterion = {
  code: string;
  points: number | null;
  inputsMissing: boolean;
  missingInputs: string[];
  rate: number | null;
  toRaise: { more: number; pointsGained: number; description: string } | null;
};
type Score = {
  points: number;
  assessedMaxPoints: number;
  maxPoints: number;
  inputsMissing: boolean;
  criteriaVersion: string;
  criteria: Criterion[];
  groups: { group: string; points: number | null; maxPoints: number }[];
};
type Ranked = {
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  previousPoints: number | null;
  pointsChange: number | null;
  score: Score;
};

const indexOf = async (unitCode: string, period: string) =>
  (
    await ok<{ serviceIndex: Ranked | null }>(
      analyst,
      `query ($unitCode: ID!, $period: String!) { serviceIndex(unitCode: $unitCode, period: $period) { rank previousRank rankChange previousPoints pointsChange score { ${SCORE} } } }`,
      { unitCode, period },
    )
  ).serviceIndex;

const byCode = (score: Score) =>
  Object.fromEntries(score.criteria.map((criterion) => [criterion.code, criterion]));

describe('the service index (Decision 766/QĐ-TTg)', () => {
  it('has criteria as data: a version whose five groups weigh 18, 20, 22, 22 and 18 points', async () => {
    const { serviceIndexCriteria } = await ok<{
      serviceIndexCriteria: {
        version: string;
        effectiveFrom: string;
        illustrative: boolean;
        criteria: { group: string; maxPoints: number }[];
      }[];
    }>(
      analyst,
      '{ serviceIndexCriteria { version effectiveFrom illustrative criteria { code group maxPoints formula numerator denominator bands { atLeast points } target } } }',
    );
    const [first] = serviceIndexCriteria;
    expect(first).toMatchObject({
      version: '766-2022-illustrative',
      effectiveFrom: '2022-06-23',
      illustrative: true,
    });
    const weights: Record<string, number> = {};
    for (const criterion of first?.criteria ?? [])
      weights[criterion.group] = (weights[criterion.group] ?? 0) + criterion.maxPoints;
    expect(weights).toEqual({
      PUBLICITY: 18,
      PROGRESS: 20,
      DIGITISATION: 22,
      ONLINE_SERVICES: 22,
      SATISFACTION: 18,
    });
  });

  it('scores a commune from its figures, imported inputs and surveys, and says what would raise each criterion', async () => {
    const a = await indexOf(A, '2026-01');
    const score = a?.score as Score;
    // P1 8×40/50 = 6.4; P2 90/100 → band 0.8: 6; R1 95/100 → band 0.95: 16; D1 8×50/100 = 4; D2 missing;
    // D3 6×(25/100)/0.5 = 3; O1 80/100 → band 0.8: 12; O2 10×(16/40)/0.8 = 5; S1 85/100 → band 0.8: 12.
    expect(score.points).toBe(64.4);
    expect(score.maxPoints).toBe(100);
    expect(score.assessedMaxPoints).toBe(92);
    expect(score.inputsMissing).toBe(true);
    const criteria = byCode(score);
    expect(Object.fromEntries(Object.entries(criteria).map(([code, c]) => [code, c.points]))).toEqual({
      P1: 6.4,
      P2: 6,
      R1: 16,
      D1: 4,
      D2: null,
      D3: 3,
      O1: 12,
      O2: 5,
      S1: 12,
    });
    expect(criteria.D2).toMatchObject({
      inputsMissing: true,
      missingInputs: ['DIGITISED_RESULTS'],
      toRaise: null,
    });
    // 0.98 × 100 − 95 = 3 more on time reach the next band (20 points).
    expect(criteria.R1?.toRaise).toEqual({
      more: 3,
      input: 'RESOLVED_ON_TIME',
      pointsGained: 4,
      description: '3 more dossiers resolved on time for +4 points',
    });
    expect(criteria.P1?.toRaise).toMatchObject({ more: 10, pointsGained: 1.6 });
    expect(criteria.S1?.toRaise).toMatchObject({ more: 5, pointsGained: 6 });
    expect(criteria.O1?.toRaise).toBeNull();
    expect(score.groups).toEqual([
      { group: 'PUBLICITY', points: 12.4, maxPoints: 18, inputsMissing: false },
      { group: 'PROGRESS', points: 16, maxPoints: 20, inputsMissing: false },
      { group: 'DIGITISATION', points: 7, maxPoints: 22, inputsMissing: true },
      { group: 'ONLINE_SERVICES', points: 17, maxPoints: 22, inputsMissing: false },
      { group: 'SATISFACTION', points: 12, maxPoints: 18, inputsMissing: false },
    ]);
  });

  it('never counts a missing input as 0: a commune with figures only is scored on what the hub holds', async () => {
    const b = (await indexOf(B, '2026-01'))?.score as Score;
    // O1 50/100 → band 0.4: 6; R1 90/100 → band 0.9: 12; every other criterion lacks an input.
    expect(b).toMatchObject({ points: 18, assessedMaxPoints: 32, inputsMissing: true });
    expect(byCode(b).P1).toMatchObject({
      points: null,
      inputsMissing: true,
      missingInputs: ['PUBLISHED_PROCEDURES', 'PROCEDURES'],
    });
  });

  it("ranks a province's communes with the change since the previous period, paged", async () => {
    const query = `query ($after: String) { serviceIndexRanking(level: COMMUNE, period: "2026-01", within: "04", first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { rank previousRank rankChange previousPoints pointsChange score { unit { code } points } } } }`;
    type Page = {
      serviceIndexRanking: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: unknown[];
      };
    };
    const first = (await ok<Page>(analyst, query)).serviceIndexRanking;
    expect(first.totalCount).toBe(2);
    expect(first.nodes).toEqual([
      {
        rank: 1,
        previousRank: null,
        rankChange: null,
        previousPoints: null,
        pointsChange: null,
        score: { unit: { code: A }, points: 64.4 },
      },
    ]);
    const second = (await ok<Page>(analyst, query, { after: first.pageInfo.endCursor })).serviceIndexRanking;
    // B in 2025-12: O1 90/100 → 12, R1 100/100 → 20 = 32, first then.
    expect(second.nodes).toEqual([
      {
        rank: 2,
        previousRank: 1,
        rankChange: -1,
        previousPoints: 32,
        pointsChange: -14,
        score: { unit: { code: B }, points: 18 },
      },
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('scores a province from its communes', async () => {
    const province = (await indexOf('04', '2026-01'))?.score as Score;
    // Received 200, 130 online (0.65 → 9), 185 of 200 on time (0.925 → 12); P1 6.4; P2 90/200 below 0.5 → 0;
    // D1 8×50/200 = 2; D3 6×(25/200)/0.5 = 1.5; O2 5; S1 12.
    expect(province.points).toBe(47.9);
    expect(byCode(province).P2).toMatchObject({
      points: 0,
      rate: 0.45,
      toRaise: { more: 10, pointsGained: 3 },
    });
  });

  it('keeps old scores on their rules: a new version applies from its effective day only', async () => {
    await db.query(
      `insert into statistics.service_index_criteria_set (version, name, effective_from, illustrative) values ('test-v2', 'Test rules', '2026-02-01', true)`,
    );
    await db.query(`insert into statistics.service_index_criterion (criteria_set_version, code, "group", position, name_vi, name_en, formula, numerator, denominator, bands, max_points, numerator_noun_vi, numerator_noun_en)
      values ('test-v2', 'R1', 'PROGRESS', 1, 'Đúng hạn', 'On time', 'BANDS', 'RESOLVED_ON_TIME', 'RESOLVED', '[{"atLeast": 0.9, "points": 100}]', 100, 'hồ sơ', 'dossiers')`);
    expect((await indexOf(A, '2026-01'))?.score).toMatchObject({
      criteriaVersion: '766-2022-illustrative',
      points: 64.4,
    });
    expect((await indexOf(A, '2026-02'))?.score).toMatchObject({
      criteriaVersion: 'test-v2',
      points: 100,
      maxPoints: 100,
    });
  });

  it('refuses a dissolved unit or a bad period with a message to act on', async () => {
    const { errors } = await analyst
      .rawRequest('{ serviceIndex(unitCode: "00004@2025-06-30", period: "2026-01") { rank } }')
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await analyst
      .rawRequest('{ serviceIndexRanking(period: "2026-13") { totalCount } }')
      .catch(refusal);
    expect(bad.errors?.[0]?.message).toContain('2025-Q3');
  });
});

describe('imports of the inputs the figures do not hold', () => {
  it('refuses a bad batch whole, listing each bad row', async () => {
    const { errors } = await officer
      .rawRequest(IMPORT_INPUTS, {
        rows: [
          { unitCode: A, month: '2026-01', input: 'RECEIVED', value: 1 },
          { unitCode: '99999', month: '2026-01', input: 'PROCEDURES', value: 1 },
          { unitCode: B, month: '2026-01', input: 'PROCEDURES', value: -1 },
          { unitCode: B, month: '2026-01', input: 'FEE_DOSSIERS', value: 3 },
          { unitCode: B, month: '2026-01', input: 'FEE_DOSSIERS', value: 4 },
        ],
      })
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.rows).toEqual([
      { row: 1, reasons: [expect.stringContaining('input must be one of PROCEDURES')] },
      { row: 2, reasons: ['unitCode 99999 was not an administrative unit in 2026-01'] },
      { row: 3, reasons: ['value must not be negative'] },
      { row: 5, reasons: ['the same key already appears in row 4'] },
    ]);
    expect((await indexOf(B, '2026-01'))?.score.points).toBe(18);
  });

  it('replays without change, corrects with a revision trail, and the score follows', async () => {
    expect(await ok(officer, IMPORT_INPUTS, { rows: A_INPUTS })).toEqual({
      importServiceIndexInputs: { inserted: 0, corrected: 0, unchanged: 7 },
    });
    expect(
      await ok(officer, IMPORT_INPUTS, {
        rows: [{ unitCode: A, month: '2026-01', input: 'PUBLISHED_PROCEDURES', value: 45 }],
      }),
    ).toEqual({ importServiceIndexInputs: { inserted: 0, corrected: 1, unchanged: 0 } });
    const { datasetRevisions } = await ok<{ datasetRevisions: unknown[] }>(
      analyst,
      `{ datasetRevisions(dataset: SERVICE_INDEX_INPUTS, key: { unitCode: "${A}", month: "2026-01", input: "PUBLISHED_PROCEDURES" }) { mode changed previous current } }`,
    );
    expect(datasetRevisions).toEqual([
      {
        mode: 'MERGE',
        changed: ['value'],
        previous: { province_code: '04', value: 40, source_id: SOURCE },
        current: { province_code: '04', value: 45, source_id: SOURCE },
      },
    ]);
    // P1 8 × 45/50 = 7.2 instead of 6.4.
    expect((await indexOf(A, '2026-01'))?.score.points).toBe(65.2);
  });

  it('imports satisfaction surveys (a correction keeps what it omits) and indicator values', async () => {
    const survey = { unitCode: A, from: '2026-01', to: '2026-01', respondents: 100 };
    expect(await ok(officer, IMPORT_SURVEYS, { rows: [survey] })).toEqual({
      importSatisfactionSurveys: { inserted: 0, corrected: 0, unchanged: 1 },
    });
    const tooMany = await officer
      .rawRequest(IMPORT_SURVEYS, { rows: [{ ...survey, respondents: 80 }] })
      .catch(refusal);
    expect(tooMany.errors?.[0]?.extensions?.rows).toEqual([
      { row: 1, reasons: ['satisfied must not exceed respondents'] },
    ]);
    const { reformProgrammes } = await ok<{ reformProgrammes: { indicators: { id: string }[] }[] }>(
      analyst,
      '{ reformProgrammes { indicators { id } } }',
    );
    const id = reformProgrammes[0]?.indicators[0]?.id as string;
    const IMPORT_VALUES = gql`mutation ($rows: [IndicatorValueRow!]!) { importIndicatorValues(source: "test-766", rows: $rows) { inserted corrected unchanged } }`;
    expect(
      await ok(officer, IMPORT_VALUES, { rows: [{ indicatorId: id, period: '2019-Q3', value: 12.5 }] }),
    ).toEqual({
      importIndicatorValues: { inserted: 1, corrected: 0, unchanged: 0 },
    });
    const { indicator } = await ok<{
      indicator: { values: { period: string; periodEnd: string; value: number }[] };
    }>(analyst, `{ indicator(id: "${id}") { values { period periodEnd value } } }`);
    expect(indicator.values).toContainEqual({ period: '2019-Q3', periodEnd: '2019-09-30', value: 12.5 });
    const unknown = await officer
      .rawRequest(IMPORT_VALUES, { rows: [{ indicatorId: 'no-such', period: '2019', value: 1 }] })
      .catch(refusal);
    expect(unknown.errors?.[0]?.extensions?.rows).toEqual([
      { row: 1, reasons: ['indicatorId no-such is not an indicator of a reform programme'] },
    ]);
  });

  it('streams a CSV to the same import at /imports/service-index-inputs', async () => {
    const headers = await import('./support/test-hub.ts').then(({ headersOf }) => headersOf('DATA_OFFICER'));
    const response = await fetch(
      `${graph.hub.url.replace(/\/graphql$/, '')}/imports/service-index-inputs?source=${SOURCE}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: `unitCode,month,input,value\n${B},2026-01,DIGITISED_RESULTS,30\n`,
      },
    );
    expect(await response.json()).toMatchObject({ inserted: 1, corrected: 0, unchanged: 0 });
  });
});

describe('the service index as known at a moment (asOf)', () => {
  it('scores on the dossier figures as known then: a correction since is undone there, not today', async () => {
    // A month no other test reads: A mostly in person, B online.
    await ok(officer, IMPORT_FIGURES, {
      rows: [
        figure('1.001193', A, '2026-08', 'ONLINE', 20, 20),
        figure('1.001193', A, '2026-08', 'IN_PERSON', 80, 40, 40),
        figure('1.001193', B, '2026-08', 'ONLINE', 60, 60),
      ],
    });
    const RANKING = `query ($asOf: DateTime) {
      serviceIndexRanking(level: COMMUNE, period: "2026-08", within: "04", first: 10, asOf: $asOf) {
        totalCount nodes { rank previousRank score { unit { code } points criteria { code rate points } } } }
      one: serviceIndex(unitCode: "${A}", period: "2026-08", asOf: $asOf) { rank score { points } } }`;
    type Answer = {
      serviceIndexRanking: {
        totalCount: number;
        nodes: { rank: number; score: { unit: { code: string }; points: number } }[];
      };
      one: { rank: number; score: { points: number } };
    };
    const answer = (asOf?: Date) => ok<Answer>(analyst, RANKING, asOf ? { asOf } : {});
    const then = await answer();
    expect(then.serviceIndexRanking.nodes.map((node) => node.score.unit.code)).toEqual([B, A]);
    const { rows } = await db.query<{ now: Date }>('select clock_timestamp() as now');
    const known = rows[0]?.now as Date;
    // A's dossiers move online and are all resolved on time: its score rises today, not as known before.
    await ok(officer, IMPORT_FIGURES, {
      rows: [
        figure('1.001193', A, '2026-08', 'ONLINE', 90, 90),
        figure('1.001193', A, '2026-08', 'IN_PERSON', 10, 10),
      ],
    });
    const today = await answer();
    expect(today.one.score.points).toBeGreaterThan(then.one.score.points);
    expect(await answer(known)).toEqual(then);
  });
});

describe('campaign effect against a comparison group', () => {
  it('compares the target commune with comparable ones it did not target (difference in differences)', async () => {
    const { createCampaign } = await ok<{ createCampaign: { id: string } }>(
      editor,
      gql`mutation { createCampaign(input: { name: "Nộp hồ sơ trực tuyến 766", objective: "x", audiences: [ELDERLY], startsOn: "2026-04-01",
        endsOn: "2026-04-30", channels: [PRESS], targetServiceCodes: ["2.000528"], targetUnitCodes: ["${C}"] }) { id } }`,
    );
    const { campaign } = await ok<{
      campaign: { effect: { onlineRateChange: number; comparison: Record<string, unknown> } };
    }>(
      analyst,
      `{ campaign(id: "${createCampaign.id}") { effect { onlineRateChange comparison { targetUnits comparisonUnits comparisonUnitCodes
        tolerance before { onlineRate received } during { onlineRate } after { onlineRate } differenceInDifferences differenceInDifferencesAfter } } } }`,
    );
    // Target C: 0.20 → 0.50 (after 0.60). D (0.25) and E (0.15) are within 0.10 of 0.20 before; F (0.90) is not.
    // Comparison D+E: 40/200 = 0.20 → 50/200 = 0.25 (after 0.25). DiD = 0.30 − 0.05 = 0.25; after: 0.40 − 0.05 = 0.35.
    expect(campaign.effect.onlineRateChange).toBeCloseTo(0.3, 10);
    const comparison = campaign.effect.comparison as Record<string, number | unknown>;
    expect(comparison).toMatchObject({
      targetUnits: 1,
      comparisonUnits: 2,
      comparisonUnitCodes: [D, E],
      tolerance: 0.1,
      before: { onlineRate: 0.2, received: 200 },
      during: { onlineRate: 0.25 },
      after: { onlineRate: 0.25 },
    });
    expect(comparison.differenceInDifferences as number).toBeCloseTo(0.25, 10);
    expect(comparison.differenceInDifferencesAfter as number).toBeCloseTo(0.35, 10);
  });
});
