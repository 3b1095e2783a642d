// Exports and the cube through the gateway: CSV with names, provenance and quality flags; the streaming download
// `GET /exports/usage.csv` parsed with a CSV library; `usageCube` paged by cursor. Expectations from the rows below.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { headersOf, startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;
let db: pg.Client;

// A catalog service the seed gives no figures to; two Hà Nội wards; a month long closed and one after 1 July 2025.
const SERVICE = '2.000528';
const HOSTILE_FIELD = '=HYPERLINK("http://evil.example")';
let batchId: string;
let correctionBatchId: string;
let names: { service: string; ward70: string; ward4: string };
let beforeImport: Date;

const IMPORT = gql`mutation ($rows: [DossierFigureInput!]!) {
  importDossierFigures(source: "motcua-illustrative", rows: $rows) { batchId inserted corrected } }`;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  beforeImport = (await db.query<{ now: Date }>('select clock_timestamp() as now')).rows[0]?.now as Date;
  const first = await ok<{ importDossierFigures: { batchId: string; inserted: number } }>(officer, IMPORT, {
    rows: [
      {
        serviceCode: SERVICE,
        unitCode: '00070',
        month: '2024-03',
        channel: 'ONLINE',
        received: 12,
        resolvedOnTime: 10,
      },
      {
        serviceCode: SERVICE,
        unitCode: '00070',
        month: '2024-03',
        channel: 'IN_PERSON',
        received: 8,
        resolvedOnTime: 8,
      },
      {
        serviceCode: SERVICE,
        unitCode: '00004',
        month: '2025-08',
        channel: 'ONLINE',
        received: 30,
        fieldCode: HOSTILE_FIELD,
      },
    ],
  });
  expect(first.importDossierFigures.inserted).toBe(3);
  batchId = first.importDossierFigures.batchId;
  const second = await ok<{ importDossierFigures: { batchId: string; corrected: number } }>(officer, IMPORT, {
    rows: [{ serviceCode: SERVICE, unitCode: '00070', month: '2024-03', channel: 'IN_PERSON', received: 9 }],
  });
  expect(second.importDossierFigures.corrected).toBe(1);
  correctionBatchId = second.importDossierFigures.batchId;
  const named = await ok<{ service: { name: string }; ward70: { name: string }; ward4: { name: string } }>(
    analyst,
    `{ service(code: "${SERVICE}") { name } ward70: administrativeUnit(code: "00070") { name } ward4: administrativeUnit(code: "00004") { name } }`,
  );
  names = { service: named.service.name, ward70: named.ward70.name, ward4: named.ward4.name };
}, 120_000);

afterAll(async () => {
  await db?.end();
  await graph?.stop();
});

const download = async (query: string, persona: 'ANALYST' | 'PUBLIC' = 'ANALYST') => {
  const response = await fetch(new URL(`/exports/usage.csv?${query}`, graph.hub.gatewayOrigin), {
    headers: await headersOf(persona),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

const SOURCE = 'Illustrative figures generated for the demo';

describe('GET /exports/usage.csv: the cube as CSV, streamed', () => {
  it('carries names, provenance and quality flags as columns', async () => {
    const { status, type, text } = await download(
      `from=2024-01&to=2025-12&serviceCodes=${SERVICE}&dimensions=UNIT,SERVICE,MONTH,CHANNEL`,
    );
    expect({ status, type }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
    const [header] = parse(text, { to_line: 1 }) as string[][];
    expect(header).toEqual([
      'unitCode',
      'unitName',
      'serviceCode',
      'serviceName',
      'month',
      'channel',
      'received',
      'receivedOnline',
      'onlineRate',
      'resolvedOnTime',
      'resolvedLate',
      'onTimeRate',
      'pending',
      'rejected',
      'approximate',
      'illustrative',
      'status',
      'lastRevisedAt',
      'sources',
      'importBatches',
    ]);
    const rows = (parse(text, { columns: true }) as Record<string, string>[]).sort((a, b) =>
      `${a.month}${a.channel}`.localeCompare(`${b.month}${b.channel}`),
    );
    const { rows: revised } = await db.query<{ revised_at: Date }>(
      `select revised_at from statistics.dossier_figure where service_code = $1 and channel = 'IN_PERSON'`,
      [SERVICE],
    );
    // On today's map 00070 (before 1 July 2025) counts towards the ward that absorbed it: its code is in the row.
    const [inPerson, online, later] = rows;
    expect(rows).toHaveLength(3);
    expect(inPerson).toMatchObject({
      serviceCode: SERVICE,
      serviceName: names.service,
      month: '2024-03',
      channel: 'IN_PERSON',
      received: '9',
      resolvedOnTime: '8',
      status: 'REVISED',
      lastRevisedAt: revised[0]?.revised_at.toISOString(),
      illustrative: 'true',
      sources: SOURCE,
      importBatches: batchId,
    });
    expect(online).toMatchObject({
      channel: 'ONLINE',
      received: '12',
      onlineRate: '1',
      status: 'FINAL',
      lastRevisedAt: '',
    });
    expect(later).toMatchObject({
      unitCode: '00004',
      unitName: names.ward4,
      month: '2025-08',
      received: '30',
      approximate: 'false',
      importBatches: batchId,
    });
    expect(inPerson?.importBatches).not.toContain(correctionBatchId);
  });

  it('keeps formula injection out of text cells, and answers as known at asOf', async () => {
    const byField = await download(`from=2025-08&to=2025-08&serviceCodes=${SERVICE}&dimensions=FIELD`);
    const [row] = parse(byField.text, { columns: true }) as Record<string, string>[];
    expect(row?.fieldCode).toBe(`'${HOSTILE_FIELD}`);
    const before = await download(
      `from=2024-01&to=2025-12&serviceCodes=${SERVICE}&dimensions=CHANNEL&asOf=${beforeImport.toISOString()}`,
    );
    expect(parse(before.text, { columns: true })).toEqual([]);
  });

  it('streams every raw fact of a range, however many chunks it takes', async () => {
    // 100 communes × 7 months × 3 channels of another service, through the bulk import: 2,100 figures more.
    const { rows: communes } = await db.query<{ code: string }>(
      `select code from services.administrative_unit where code ~ '^[0-9]{5}$' order by code limit 100`,
    );
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];
    const csv = [
      'serviceCode,unitCode,month,channel,received',
      ...communes.flatMap(({ code }) =>
        months.flatMap((month) =>
          ['ONLINE', 'IN_PERSON', 'POST'].map((channel) => `1.004884,${code},${month},${channel},7`),
        ),
      ),
    ].join('\n');
    const imported = await fetch(
      new URL('/imports/dossier-figures?source=motcua-illustrative', graph.hub.gatewayOrigin),
      {
        method: 'POST',
        headers: { ...(await headersOf('DATA_OFFICER')), 'content-type': 'text/csv' },
        body: csv,
      },
    );
    expect(await imported.json()).toMatchObject({ inserted: 2_100 });
    const { rows } = await db.query<{ facts: number }>(
      `select count(*)::int as facts from statistics.dossier_figure where month between date '2025-01-01' and date '2025-12-01'`,
    );
    const facts = rows[0]?.facts as number;
    // More than one fetch of the cursor (2,000 rows), so that chunks follow each other.
    expect(facts).toBeGreaterThan(2_000);
    const { status, text } = await download('from=2025-01&to=2025-12&geography=AS_REPORTED');
    expect(status).toBe(200);
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(facts);
    const total = parsed.reduce((sum, row) => sum + Number(row.received), 0);
    const { rows: sums } = await db.query<{ received: number }>(
      `select sum(received)::int as received from statistics.dossier_figure where month between date '2025-01-01' and date '2025-12-01'`,
    );
    expect(total).toBe(sums[0]?.received);
  });

  it('needs the analyst scope, and says what is wrong with a request', async () => {
    expect((await download(`from=2024-01&to=2024-12`, 'PUBLIC')).status).toBe(403);
    const bad = await download('from=2024-01&to=2024-12&dimensions=UNIT,GALAXY');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      errors: [{ message: expect.stringContaining('GALAXY'), extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });
});

const CUBE = gql`query ($dimensions: [CubeDimension!]!, $filter: UsageCubeFilter, $first: Int, $after: String, $asOf: DateTime) {
  usageCube(dimensions: $dimensions, from: "2024-01", to: "2025-12", filter: $filter, first: $first, after: $after, asOf: $asOf) {
    edges { cursor node { unitCode unit { name } month channel serviceCode received resolvedOnTime status importBatchIds provenance { source } } }
    pageInfo { hasNextPage endCursor } totalCount
  } }`;
type CubePage = {
  usageCube: {
    totalCount: number;
    edges: { node: Record<string, unknown> }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('usageCube: any combination of dimensions, paged', () => {
  it('from the aggregate by service: by channel', async () => {
    const { usageCube } = await ok<CubePage>(analyst, CUBE, {
      dimensions: ['CHANNEL'],
      filter: { serviceCodes: [SERVICE] },
    });
    expect(usageCube.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        channel: 'IN_PERSON',
        received: 9,
        resolvedOnTime: 8,
        status: 'REVISED',
        importBatchIds: [],
      }),
      expect.objectContaining({
        channel: 'ONLINE',
        received: 42,
        resolvedOnTime: 10,
        status: 'FINAL',
        unitCode: null,
      }),
    ]);
    expect(usageCube.pageInfo.hasNextPage).toBe(false);
    expect(usageCube.totalCount).toBe(2);
  });

  it('from the raw facts: by unit and month, one row a page, following the cursor', async () => {
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const answer: CubePage = await ok<CubePage>(analyst, CUBE, {
        dimensions: ['UNIT', 'MONTH'],
        filter: { serviceCodes: [SERVICE] },
        first: 1,
        after,
      });
      seen.push(...answer.usageCube.edges.map((edge) => edge.node));
      if (!answer.usageCube.pageInfo.hasNextPage) break;
      after = answer.usageCube.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(2);
    const byMonth = Object.fromEntries(seen.map((row) => [row.month, row]));
    expect(byMonth['2025-08']).toMatchObject({
      unitCode: '00004',
      unit: { name: names.ward4 },
      received: 30,
    });
    expect(byMonth['2024-03']).toMatchObject({
      received: 21,
      importBatchIds: [batchId],
      provenance: [{ source: SOURCE }],
    });
    const asOf = await ok<CubePage>(analyst, CUBE, {
      dimensions: ['UNIT', 'MONTH'],
      filter: { serviceCodes: [SERVICE] },
      asOf: beforeImport,
    });
    expect(asOf.usageCube.edges).toEqual([]);
  });

  it('refuses a cube over every raw fact, pointing to the download', async () => {
    const { errors } = await analyst.rawRequest(CUBE, { dimensions: ['UNIT', 'SERVICE'] }).catch(refusal);
    expect(errors?.[0]).toMatchObject({
      message: expect.stringContaining('/exports/usage.csv'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('series and breakdown CSV carry the names, sources and status too', async () => {
    const { series, breakdown } = await ok<{ series: string; breakdown: string }>(
      analyst,
      `{ series: usageSeriesCsv(granularity: MONTH, from: "2025-08", to: "2025-08", serviceCode: "${SERVICE}", unitCode: "00004")
         breakdown: usageBreakdownCsv(by: SERVICE, from: "2025-08", to: "2025-08", unitCode: "00004") }`,
    );
    expect(parse(series, { columns: true })).toEqual([
      expect.objectContaining({
        period: '2025-08',
        received: '30',
        status: 'FINAL',
        sources: SOURCE,
        serviceCode: SERVICE,
        serviceName: names.service,
        unitCode: '00004',
        unitName: names.ward4,
      }),
    ]);
    expect(parse(breakdown, { columns: true })).toContainEqual(
      expect.objectContaining({ key: SERVICE, name: names.service, received: '30', sources: SOURCE }),
    );
  });
});
