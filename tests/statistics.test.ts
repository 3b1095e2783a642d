import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;
let analyst: GraphQLClient;

/** Catalog services the seed gives no figures to, so the seeded illustrative figures never mix with these. */
const SERVICE = '1.004884';
const RANKED = '2.000528';

const row = (
  unitCode: string,
  month: string,
  channel: string,
  received: number,
  resolvedOnTime: number,
  resolvedLate = 0,
) => ({
  serviceCode: SERVICE,
  unitCode,
  month,
  channel,
  received,
  resolvedOnTime,
  resolvedLate,
  fieldCode: 'ho-tich',
});

// 00004 is Phường Ba Đình since 1 July 2025; before, 00013 (Quán Thánh) went into it wholly and 00016 (Ngọc Hà)
// in part (split with today's 00008, Phường Ngọc Hà).
const FIGURES = [
  row('00004', '2025-07', 'ONLINE', 30, 28, 2),
  row('00004', '2025-07', 'IN_PERSON', 10, 10),
  row('00004', '2025-08', 'ONLINE', 45, 45),
  row('00070', '2025-08', 'ONLINE', 20, 20),
  row('00008', '2025-08', 'IN_PERSON', 5, 5),
  row('00013', '2025-03', 'ONLINE', 12, 12),
  row('00016', '2025-03', 'IN_PERSON', 8, 6, 2),
];

const IMPORT = gql`mutation ($source: ID!, $rows: [DossierFigureInput!]!) {
  importDossierFigures(source: $source, rows: $rows) { batchId inserted corrected unchanged } }`;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
  analyst = await graph.as('ANALYST');
  const { errors } = await officer.rawRequest(IMPORT, { source: 'motcua-illustrative', rows: FIGURES });
  expect(errors).toBeUndefined();
});

afterAll(async () => {
  await graph?.stop();
});

async function ok<T>(
  document: string,
  variables?: Record<string, unknown>,
  client: GraphQLClient = graph.client,
): Promise<T> {
  const { data, errors } = await client.rawRequest<T>(document, variables);
  expect(errors).toBeUndefined();
  return data;
}

describe('series, breakdowns and the map of 1 July 2025', () => {
  it('rolls figures of dissolved wards up to the ward that absorbed them, flagging the split one', async () => {
    const data = await ok<{ current: unknown[]; reported: unknown[]; oldWard: unknown[] }>(
      gql`query ($service: String) {
        current: usageSeries(granularity: QUARTER, from: "2025-01", to: "2025-09", serviceCode: $service, unitCode: "00004") {
          period received receivedOnline onlineRate resolvedOnTime resolvedLate onTimeRate approximate }
        reported: usageSeries(granularity: QUARTER, from: "2025-01", to: "2025-09", serviceCode: $service, unitCode: "00004", geography: AS_REPORTED) {
          period received }
        oldWard: usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: $service, unitCode: "00013", geography: AS_REPORTED) {
          period received }
      }`,
      { service: SERVICE },
    );
    expect(data.current).toEqual([
      // 12 (Quán Thánh, whole) + 8 (Ngọc Hà, split: counted once, here, and flagged)
      {
        period: '2025-Q1',
        received: 20,
        receivedOnline: 12,
        onlineRate: 12 / 20,
        resolvedOnTime: 18,
        resolvedLate: 2,
        onTimeRate: 18 / 20,
        approximate: true,
      },
      {
        period: '2025-Q3',
        received: 85,
        receivedOnline: 75,
        onlineRate: 75 / 85,
        resolvedOnTime: 83,
        resolvedLate: 2,
        onTimeRate: 83 / 85,
        approximate: false,
      },
    ]);
    expect(data.reported).toEqual([{ period: '2025-Q3', received: 85 }]);
    expect(data.oldWard).toEqual([{ period: '2025', received: 12 }]);
  });

  it('adds up a province over its communes, old and new, counting nothing twice', async () => {
    const { usageSeries } = await ok<{ usageSeries: { received: number }[] }>(
      gql`{ usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}", unitCode: "01") { received } }`,
    );
    expect(usageSeries).toEqual([{ received: 20 + 85 + 20 + 5 }]);
  });

  it('breaks totals down by channel and by unit, with shares', async () => {
    const data = await ok<{ channels: unknown[]; units: unknown[] }>(
      gql`{
        channels: usageBreakdown(by: CHANNEL, from: "2025-07", to: "2025-08", serviceCode: "${SERVICE}") { key received share }
        units: usageBreakdown(by: UNIT, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}") { key received approximate }
      }`,
    );
    expect(data.channels).toEqual([
      { key: 'ONLINE', received: 95, share: 95 / 110 },
      { key: 'IN_PERSON', received: 15, share: 15 / 110 },
    ]);
    expect(data.units).toEqual([
      { key: '00004', received: 105, approximate: true },
      { key: '00070', received: 20, approximate: false },
      { key: '00008', received: 5, approximate: false },
    ]);
  });

  it('exports a series as CSV', async () => {
    const { usageSeriesCsv, service, administrativeUnit } = await ok<{
      usageSeriesCsv: string;
      service: { name: string };
      administrativeUnit: { name: string };
    }>(
      gql`{ usageSeriesCsv(granularity: MONTH, from: "2025-07", to: "2025-08", serviceCode: "${SERVICE}", unitCode: "00004")
        service(code: "${SERVICE}") { name } administrativeUnit(code: "00004") { name } }`,
      {},
      analyst,
    );
    const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    // Then each figure's quality and provenance, and the service and unit with their names.
    const described = `FINAL,,Illustrative figures generated for the demo,${SERVICE},${cell(service.name)},00004,${cell(administrativeUnit.name)}`;
    expect(usageSeriesCsv.trim().split('\n')).toEqual([
      'period,received,receivedOnline,onlineRate,resolvedOnTime,resolvedLate,onTimeRate,pending,rejected,approximate,illustrative,status,lastRevisedAt,sources,serviceCode,serviceName,unitCode,unitName',
      `2025-07,40,30,0.75,38,2,${38 / 40},0,0,false,true,${described}`,
      `2025-08,45,45,1,45,0,1,0,0,false,true,${described}`,
    ]);
  });

  it('ranks units against the previous period', async () => {
    const ranked = (unitCode: string, month: string, received: number) => ({
      ...row(unitCode, month, 'ONLINE', received, received),
      serviceCode: RANKED,
    });
    // Before the reorganisation: Phúc Xá (00001) went into Hồng Hà (00097), Trúc Bạch (00004) into Ba Đình (00004).
    const { errors } = await officer.rawRequest(IMPORT, {
      source: 'motcua-illustrative',
      rows: [
        ranked('00001', '2024-08', 50),
        ranked('00004', '2024-08', 30),
        ranked('00001', '2024-11', 10),
        ranked('00004', '2024-11', 40),
      ],
    });
    expect(errors).toBeUndefined();
    const { usageRanking } = await ok<{ usageRanking: unknown[] }>(
      gql`{ usageRanking(metric: RECEIVED, period: "2024-Q4") { rank value previousRank rankChange unit { code name } } }`,
    );
    expect(usageRanking).toEqual([
      { rank: 1, value: 40, previousRank: 2, rankChange: 1, unit: { code: '00004', name: 'Phường Ba Đình' } },
      {
        rank: 2,
        value: 10,
        previousRank: 1,
        rankChange: -1,
        unit: { code: '00097', name: 'Phường Hồng Hà' },
      },
    ]);
  });
});

describe('provenance and satisfaction', () => {
  it('says where every series comes from', async () => {
    const data = await ok<{
      service: { usage: { provenance: unknown[] } };
      usageSeries: { provenance: unknown[] }[];
    }>(
      gql`{
        service(code: "1.001193") { usage(from: "2025-07", to: "2025-12") { provenance { source publisher illustrative } } }
        usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}") { provenance { source illustrative } }
      }`,
    );
    expect(data.service.usage.provenance).toEqual([
      { source: 'Illustrative figures generated for the demo', publisher: 'motcua', illustrative: true },
    ]);
    expect(data.usageSeries[0]?.provenance).toEqual([
      { source: 'Illustrative figures generated for the demo', illustrative: true },
    ]);
  });

  it('adds up satisfaction surveys for a commune and for a province', async () => {
    const data = await ok<
      Record<string, { satisfaction: { respondents: number; satisfied: number; rate: number } }>
    >(
      gql`{
        baDinh: administrativeUnit(code: "00004") { satisfaction(from: "2025-07", to: "2026-06") { respondents satisfied rate } }
        hoanKiem: administrativeUnit(code: "00070") { satisfaction(from: "2025-07", to: "2026-06") { respondents satisfied rate } }
        cauGiay: administrativeUnit(code: "00166") { satisfaction(from: "2025-07", to: "2026-06") { respondents satisfied rate } }
        baVi: administrativeUnit(code: "09700") { satisfaction(from: "2025-07", to: "2026-06") { respondents satisfied rate } }
        hanoi: administrativeUnit(code: "01") { satisfaction(from: "2025-07", to: "2026-06") { respondents satisfied rate } }
      }`,
    );
    const communes = [data.baDinh, data.hoanKiem, data.cauGiay, data.baVi].map((unit) => unit?.satisfaction);
    for (const commune of communes)
      expect(commune?.rate).toBeCloseTo((commune?.satisfied ?? 0) / (commune?.respondents ?? 1), 12);
    const respondents = communes.reduce((sum, commune) => sum + (commune?.respondents ?? 0), 0);
    const satisfied = communes.reduce((sum, commune) => sum + (commune?.satisfied ?? 0), 0);
    expect(data.hanoi?.satisfaction).toEqual({ respondents, satisfied, rate: satisfied / respondents });
  });
});

describe('importing figures', () => {
  const received = async () =>
    (
      await ok<{ usageSeries: { received: number }[] }>(
        gql`{ usageSeries(granularity: YEAR, from: "2025-01", to: "2025-12", serviceCode: "${SERVICE}") { received } }`,
      )
    ).usageSeries[0]?.received;

  it('refuses a caller without the data-officer role', async () => {
    const { errors } = await graph.client.rawRequest(IMPORT, {
      source: 'motcua-illustrative',
      rows: FIGURES,
    });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a batch with bad rows, naming each, and writes nothing', async () => {
    const before = await received();
    const { errors } = await officer
      .rawRequest(IMPORT, {
        source: 'motcua-illustrative',
        rows: [
          row('00070', '2025-09', 'ONLINE', 7, 7),
          row('99999', '2025-09', 'ONLINE', 7, 7),
          row('00070', '2025-09', 'IN_PERSON', -1, 0),
          row('00070', '2025-10', 'ONLINE', 5, 4, 3),
          row('00013', '2025-09', 'ONLINE', 1, 1),
          row('00070', '2099-01', 'ONLINE', 1, 1),
          row('00070', '2025-09', 'ONLINE', 7, 7),
          { ...row('00070', '2025-09', 'POST', 1, 1), serviceCode: '9.999999' },
        ],
      })
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.rows).toEqual([
      { row: 2, reasons: ['unitCode 99999 was not an administrative unit in 2025-09'] },
      {
        row: 3,
        reasons: [
          'received must not be negative',
          'resolvedOnTime plus resolvedLate must not exceed received',
        ],
      },
      { row: 4, reasons: ['resolvedOnTime plus resolvedLate must not exceed received'] },
      // Quán Thánh no longer exists in September 2025.
      { row: 5, reasons: ['unitCode 00013 was not an administrative unit in 2025-09'] },
      { row: 6, reasons: ['month must not be in the future'] },
      { row: 7, reasons: ['the same service, unit, month and channel already appear in row 1'] },
      { row: 8, reasons: ['serviceCode 9.999999 is not in the catalog'] },
    ]);
    expect(await received()).toBe(before);
    const badMonth = await officer
      .rawRequest(IMPORT, {
        source: 'motcua-illustrative',
        rows: [row('00070', '2025-13', 'ONLINE', 1, 1)],
      })
      .catch(refusal);
    expect(badMonth.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownSource = await officer
      .rawRequest(IMPORT, {
        source: 'nowhere',
        rows: [row('00070', '2025-09', 'ONLINE', 1, 1)],
      })
      .catch(refusal);
    expect(unknownSource.errors?.[0]?.message).toMatch(/Unknown data source nowhere/);
  });

  it('changes nothing on a replay, corrects a figure and keeps what it was', async () => {
    const replay = await officer.request<{
      importDossierFigures: { inserted: number; corrected: number; unchanged: number };
    }>(IMPORT, {
      source: 'motcua-illustrative',
      rows: FIGURES,
    });
    expect(replay.importDossierFigures).toMatchObject({
      inserted: 0,
      corrected: 0,
      unchanged: FIGURES.length,
    });
    const before = await received();
    const correction = await officer.request<{
      importDossierFigures: { batchId: string; inserted: number; corrected: number; unchanged: number };
    }>(IMPORT, {
      source: 'motcua-illustrative',
      rows: [row('00004', '2025-07', 'ONLINE', 33, 31, 2), row('00070', '2025-08', 'ONLINE', 20, 20)],
    });
    expect(correction.importDossierFigures).toMatchObject({ inserted: 0, corrected: 1, unchanged: 1 });
    expect(await received()).toBe((before ?? 0) + 3);
    const { dossierFigureRevisions } = await ok<{
      dossierFigureRevisions: {
        batchId: string;
        previous: Record<string, unknown>;
        current: Record<string, unknown>;
      }[];
    }>(
      gql`{ dossierFigureRevisions(serviceCode: "${SERVICE}", unitCode: "00004", month: "2025-07", channel: ONLINE) { batchId previous current } }`,
      {},
      analyst,
    );
    expect(dossierFigureRevisions).toHaveLength(1);
    expect(dossierFigureRevisions[0]).toMatchObject({
      batchId: correction.importDossierFigures.batchId,
      previous: { received: 30, resolved_on_time: 28 },
      current: { received: 33, resolved_on_time: 31 },
    });
  });

  it('imports a CSV file from the command line, the same way', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-figures-')), 'figures.csv');
    writeFileSync(
      file,
      [
        'serviceCode,unitCode,month,channel,received,resolvedOnTime,resolvedLate',
        `${SERVICE},00166,2025-09,ONLINE,9,9,0`,
      ].join('\n'),
    );
    const cli = new URL('../subgraphs/statistics/src/cli/import-figures.ts', import.meta.url).pathname;
    const run = () =>
      new Promise<{ stdout: string; stderr: string; failed: boolean }>((resolve) => {
        execFile(
          process.execPath,
          [cli, file, '--source', 'motcua-illustrative'],
          {
            env: {
              PATH: process.env.PATH ?? '',
              DATABASE_URL: graph.databaseUrl,
              SERVICES_URL: graph.hub.subgraphUrls.services,
            },
          },
          (error, stdout, stderr) => resolve({ stdout, stderr, failed: Boolean(error) }),
        );
      });
    const first = await run();
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/: 1 inserted, 0 corrected, 0 unchanged \(batch [0-9a-f-]{36}\)/);
    expect((await run()).stdout).toMatch(/: 0 inserted, 0 corrected, 1 unchanged/);
  });
});

describe('the reform programme and campaigns', () => {
  it('derives indicator statuses from the figures: 11 met early and 4 expected at the briefing, all met by year end', async () => {
    const { reformProgramme } = await ok<{ reformProgramme: Record<string, unknown> }>(
      gql`{ reformProgramme(code: "08-CTr-TU-2016-2020") {
        schemesCompleted schemes { name }
        atBriefing: indicatorSummary(asOf: "2020-12-10") { total metEarly expected met missed }
        now: indicatorSummary { total metEarly met expected missed }
        indicators { id status(asOf: "2020-12-10") illustrative target direction }
        provenance { publisher illustrative }
      } }`,
    );
    expect(reformProgramme.atBriefing).toEqual({ total: 15, metEarly: 11, expected: 4, met: 0, missed: 0 });
    expect(reformProgramme.now).toEqual({ total: 15, metEarly: 11, met: 4, expected: 0, missed: 0 });
    expect(reformProgramme.schemesCompleted).toBe(30);
    expect(reformProgramme.schemes).toHaveLength(33);
    expect(reformProgramme.provenance).toEqual({
      publisher: 'Sở Nội vụ Hà Nội (reported by Lao Động Thủ Đô)',
      illustrative: false,
    });
    const indicators = reformProgramme.indicators as { illustrative: boolean; target: number }[];
    expect(
      indicators.filter((indicator) => !indicator.illustrative).map((indicator) => indicator.target),
    ).toEqual([80, 80]);
  });

  it('shows the articles that cite an indicator, and an article the indicators it cites', async () => {
    const data = await ok<{
      indicator: { name: string; articles: { nodes: { headline: string }[] } };
      article: { indicators: { name: string; status: string }[] };
    }>(
      gql`{
        indicator(id: "08-CTr-TU-2016-2020.01") { name articles { nodes { headline } } }
        article(slug: "ha-noi-dung-dau-toan-quoc-ve-luong-ho-so-giao-dich-qua-mang") { indicators { name status } }
      }`,
    );
    expect(data.indicator.articles.nodes).toEqual([
      { headline: 'Hà Nội đứng đầu toàn quốc về lượng hồ sơ giao dịch qua mạng' },
    ]);
    expect(data.article.indicators).toHaveLength(3);
    expect(data.article.indicators[0]).toEqual({
      name: 'Tỷ lệ dịch vụ công trực tuyến mức độ 3, 4',
      status: 'MET_EARLY',
    });
  });

  it("measures a campaign's effect on online uptake of its target services in its target units", async () => {
    const { campaigns } = await ok<{
      campaigns: {
        nodes: {
          effect: {
            before: { from: string; to: string; onlineRate: number };
            during: { from: string; to: string; onlineRate: number };
            after: unknown;
            onlineRateChange: number;
          };
        }[];
      };
    }>(
      gql`{ campaigns(active: true) { nodes { effect { before { from to onlineRate } during { from to onlineRate } after { received } onlineRateChange } } } }`,
    );
    const effect = campaigns.nodes[0]?.effect;
    expect(effect?.before).toMatchObject({ from: '2026-05', to: '2026-08' });
    expect(effect?.during).toMatchObject({ from: '2026-09', to: '2026-12' });
    expect(effect?.after).toBeNull();
    expect(effect?.onlineRateChange).toBeCloseTo(
      (effect?.during.onlineRate ?? 0) - (effect?.before.onlineRate ?? 0),
      12,
    );
  });
});
