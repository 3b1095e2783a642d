// The statistics import as data officers and analysts use it through the gateway: corrections that carry only
// some columns, the revision trail, and exports a spreadsheet cannot mistake for formulas.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { headersOf, startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;

/** A catalog service the seed gives no figures to (tests/statistics.test.ts uses others). */
const SERVICE = '1.004884';
const SOURCE = 'motcua-illustrative';

const IMPORT = gql`mutation ($source: ID!, $rows: [DossierFigureInput!]!, $mode: ImportMode) {
  importDossierFigures(source: $source, rows: $rows, mode: $mode) { batchId inserted corrected unchanged } }`;

const REVISIONS = gql`query ($unit: ID!, $month: Month!) {
  dossierFigureRevisions(serviceCode: "${SERVICE}", unitCode: $unit, month: $month, channel: ONLINE) {
    batchId revisedAt mode changed previous current } }`;

type Summary = { batchId: string; inserted: number; corrected: number; unchanged: number };

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
});

afterAll(async () => {
  await graph?.stop();
});

const importRows = async (rows: Record<string, unknown>[], mode?: string) =>
  (await ok<{ importDossierFigures: Summary }>(officer, IMPORT, { source: SOURCE, rows, mode }))
    .importDossierFigures;

describe('a batch too large for one GraphQL request', () => {
  it('is refused before any SQL, pointing to the streamed import and the CLI', async () => {
    // IMPORT_MAX_GRAPHQL_ROWS is 5,000 by default: one more row than that, small enough for the gateway's body limit.
    const rows = Array.from({ length: 5_001 }, (_, index) => ({
      serviceCode: SERVICE,
      unitCode: '00070',
      month: '2025-01',
      channel: 'ONLINE',
      received: index,
    }));
    graph.sql.statistics.reset();
    const answer = await officer.rawRequest(IMPORT, { source: SOURCE, rows }).catch(refusal);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxRows: 5_000 });
    expect(answer.errors?.[0]?.message).toMatch(
      /5001 rows, more than the 5000 .*POST \/imports\/dossier-figures.*pnpm statistics:import/,
    );
    expect(graph.sql.statistics.statements).toEqual([]);
  });
});

describe('a correction', () => {
  const full = {
    serviceCode: SERVICE,
    unitCode: '00070',
    month: '2025-10',
    channel: 'ONLINE',
    received: 40,
    resolvedOnTime: 30,
    resolvedLate: 5,
    pending: 3,
    rejected: 2,
    paidOnline: 25,
    fieldCode: 'ho-tich',
  };
  const { resolvedOnTime, resolvedLate, pending, rejected, paidOnline, fieldCode, ...keyAndReceived } = full;

  it('replaces only the columns it carries, and the trail says which changed, when, by which batch', async () => {
    expect(await importRows([full])).toMatchObject({ inserted: 1, corrected: 0, unchanged: 0 });
    const correction = await importRows([{ ...keyAndReceived, received: 42 }]);
    expect(correction).toMatchObject({ inserted: 0, corrected: 1, unchanged: 0 });
    // The same partial correction again: nothing to do.
    expect(await importRows([{ ...keyAndReceived, received: 42 }])).toMatchObject({
      corrected: 0,
      unchanged: 1,
    });

    const { breakdown } = await ok<{ breakdown: { key: string; received: number }[] }>(
      graph.client,
      gql`{ breakdown: usageBreakdown(by: FIELD, from: "2025-10", to: "2025-10", serviceCode: "${SERVICE}") { key received } }`,
    );
    // The field was kept, not turned into "unknown".
    expect(breakdown).toEqual([{ key: 'ho-tich', received: 42 }]);

    const { dossierFigureRevisions } = await ok<{ dossierFigureRevisions: Record<string, unknown>[] }>(
      analyst,
      REVISIONS,
      { unit: '00070', month: '2025-10' },
    );
    expect(dossierFigureRevisions).toHaveLength(1);
    const [revision] = dossierFigureRevisions;
    expect(revision).toMatchObject({
      batchId: correction.batchId,
      mode: 'MERGE',
      changed: ['received'],
      previous: { received: 40, paid_online: 25, field_code: 'ho-tich', resolved_on_time: 30 },
      current: { received: 42, paid_online: 25, field_code: 'ho-tich', resolved_on_time: 30 },
    });
    const revisedAt = Date.parse(String(revision?.revisedAt));
    expect(revision?.revisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Math.abs(Date.now() - revisedAt)).toBeLessThan(10 * 60_000);
  });

  it('replaces the whole row in REPLACE mode: what it omits goes back to its default, in the trail too', async () => {
    const correction = await importRows([{ ...keyAndReceived, received: 42 }], 'REPLACE');
    expect(correction).toMatchObject({ inserted: 0, corrected: 1 });
    const { dossierFigureRevisions } = await ok<{ dossierFigureRevisions: Record<string, unknown>[] }>(
      analyst,
      REVISIONS,
      { unit: '00070', month: '2025-10' },
    );
    expect(dossierFigureRevisions).toHaveLength(2);
    expect(dossierFigureRevisions[1]).toMatchObject({
      batchId: correction.batchId,
      mode: 'REPLACE',
      changed: ['resolved_on_time', 'resolved_late', 'pending', 'rejected', 'paid_online', 'field_code'],
      current: { received: 42, resolved_on_time: 0, paid_online: null, field_code: null },
    });
  });

  it('is checked against the figure it corrects: fewer received than already resolved is refused', async () => {
    await importRows([{ ...full, month: '2025-11', received: 40 }]);
    const { errors } = await officer
      .rawRequest(IMPORT, {
        source: SOURCE,
        rows: [{ ...keyAndReceived, month: '2025-11', received: 20 }],
      })
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.rows).toEqual([
      {
        row: 1,
        reasons: [
          'resolvedOnTime plus resolvedLate must not exceed received (the stored figure has 30 + 5 resolved, and this row does not change them)',
        ],
      },
    ]);
  });
});

describe('CSV exports', () => {
  it('write cells a spreadsheet would run as formulas as text (OWASP CSV injection)', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3+4', '@SUM(A1)'];
    await importRows(
      hostile.map((field, index) => ({
        serviceCode: SERVICE,
        unitCode: '00070',
        month: '2025-12',
        channel: ['ONLINE', 'IN_PERSON'][index % 2],
        received: 10 + index,
        fieldCode: field,
        ...(index >= 2 ? { unitCode: '00004' } : {}),
      })),
    );
    const { usageBreakdownCsv } = await ok<{ usageBreakdownCsv: string }>(
      analyst,
      gql`{ usageBreakdownCsv(by: FIELD, from: "2025-12", to: "2025-12", serviceCode: "${SERVICE}") }`,
    );
    const lines = usageBreakdownCsv.split('\n');
    expect(lines[0]).toBe(
      'key,received,receivedOnline,onlineRate,onTimeRate,share,approximate,name,illustrative,status,lastRevisedAt,sources',
    );
    for (const field of hostile) {
      const line = lines.find((candidate) => candidate.includes(field.slice(1, 4)));
      expect(line).toBeDefined();
      // Quoted or not, the cell starts with the apostrophe that makes it text.
      expect(line).toMatch(/^"?'[=+\-@]/);
    }
  });
});

describe('the bulk import endpoint (POST /imports/dossier-figures)', () => {
  const endpoint = () =>
    new URL('/imports/dossier-figures?source=motcua-illustrative', graph.hub.gatewayOrigin);
  const post = async (body: string, persona: 'DATA_OFFICER' | 'ANALYST' | 'PUBLIC' = 'DATA_OFFICER') => {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: { ...(await headersOf(persona)), 'content-type': 'text/csv' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const header = 'serviceCode,unitCode,month,channel,received,resolvedOnTime';

  it('imports a CSV body as a data officer, and says a replay changed nothing', async () => {
    const csv = `${header}\n${SERVICE},00070,2026-02,ONLINE,12,10\n${SERVICE},00070,2026-02,POST,3,3\n`;
    expect(await post(csv)).toEqual({
      status: 200,
      body: { batchId: expect.any(String), inserted: 2, corrected: 0, unchanged: 0 },
    });
    expect((await post(csv)).body).toMatchObject({ inserted: 0, corrected: 0, unchanged: 2 });
  });

  it('refuses other roles, and bad rows with their numbers, writing nothing', async () => {
    const csv = `${header}\n${SERVICE},00070,2026-03,ONLINE,12,10\n`;
    expect((await post(csv, 'ANALYST')).status).toBe(403);
    expect((await post(csv, 'PUBLIC')).status).toBe(403);
    const bad = await post(
      `${header}\n${SERVICE},00070,2026-03,ONLINE,12,10\n${SERVICE},00070,2026-03,EMAIL,x,1\n${SERVICE},00070,2026-03\n`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    const unknownColumn = await post(`serviceCode,unit,month\n${SERVICE},00070,2026-03\n`);
    expect(unknownColumn.status).toBe(400);
    const channel = await post(
      `${header}\n${SERVICE},00070,2026-03,ONLINE,12,10\n${SERVICE},00070,2026-03,EMAIL,-2,1\n`,
    );
    expect(channel.body).toMatchObject({
      errors: [
        {
          extensions: {
            rows: [
              {
                row: 2,
                reasons: [
                  'channel must be one of ONLINE, IN_PERSON, POST',
                  'received must not be negative',
                  'resolvedOnTime plus resolvedLate must not exceed received',
                ],
              },
            ],
          },
        },
      ],
    });
    const rows = await post(
      `${header}\n${SERVICE},00070,2026-03,ONLINE,12,10\n${SERVICE},00070,2026-03,POST,x,1\n`,
    );
    expect(rows.body).toMatchObject({
      errors: [
        {
          extensions: {
            code: 'BAD_USER_INPUT',
            rows: [
              {
                row: 2,
                reasons: ['received must be a whole number from 0 to 2,147,483,647 (not "x")'],
              },
            ],
          },
        },
      ],
    });
    const { usageSeries } = await ok<{ usageSeries: unknown[] }>(
      graph.client,
      gql`{ usageSeries(granularity: MONTH, from: "2026-03", to: "2026-03", serviceCode: "${SERVICE}") { received } }`,
    );
    expect(usageSeries).toEqual([]);
  });
});
