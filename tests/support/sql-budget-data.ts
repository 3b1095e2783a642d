import type { Orm } from '@motcua/db';
import { formatErrors, type Send, type Target } from './sql-probe.ts';

/**
 * The data the SQL budget test needs beyond the example seed, so that "10 parents" means ten: the seed has one
 * campaign, five articles, one reform programme and figures for five services in four communes. Everything is
 * made through the public API (editors write news, data officers import figures and services), except reform
 * programmes and satisfaction surveys, which no API writes: those are inserted into the statistics subgraph's
 * tables.
 */

const EDITOR: Target = { persona: 'EDITOR' };
const DATA_OFFICER: Target = { persona: 'DATA_OFFICER' };

/** The data source of the seeded example figures; imports must name a known one. */
export const FIGURES_SOURCE = 'motcua-illustrative';

async function ok<T>(send: Send, target: Target, query: string, variables: Record<string, unknown>) {
  const answer = await send(target, query, variables);
  if (answer.errors.length)
    throw new Error(`Setting up the SQL budget data failed: ${formatErrors(answer.errors)}`);
  return answer.data as T;
}

export type Samples = {
  /** The first ten services of the catalog by name (what the walk pages), each given figures. */
  serviceCodes: string[];
  serviceIds: string[];
  /** The first ten communes of Hà Nội (what `administrativeUnits(parentCode: "01")` pages), and a dissolved ward. */
  unitCodes: string[];
  agencyCodes: string[];
  /** The test's articles and campaigns, newest first: each has every kind of relation. */
  articleIds: string[];
  campaignIds: string[];
  programmeCodes: string[];
  indicatorIds: string[];
  /** A figure corrected twice, whose audit trail has two revisions. */
  revisedFigure: { serviceCode: string; unitCode: string; month: string; channel: 'ONLINE' };
  /** Rows already imported, for replays of 1 and of 10 rows. */
  importedRows: Record<string, unknown>[];
  /** Services the test created, for replays of `upsertServices`. */
  upsertedServices: Record<string, unknown>[];
};

/**
 * The kind of the test's articles, and the audience of its campaigns: no seeded one has them, so a filter on them
 * pages the test's own.
 */
export const TEST_ARTICLE_KIND = 'INTERVIEW';
export const TEST_CAMPAIGN_AUDIENCE = 'CITIZENS';

/** Months the test imports figures for: two quarters, so rankings of 2026-Q1 have a previous period. */
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

const asset = (name: string) => ({
  kind: 'IMAGE',
  caption: `Ảnh ${name} (illustrative)`,
  credit: 'motcua (illustrative)',
  altText: 'Ảnh minh họa',
  renditions: [
    { name: 'original', url: `https://example.org/media/${name}.jpg`, mimeType: 'image/jpeg', width: 800 },
    { name: 'thumbnail', url: `https://example.org/media/${name}-thumb.jpg`, mimeType: 'image/jpeg' },
  ],
});

export async function createBudgetData(send: Send, statistics: Orm): Promise<Samples> {
  // The parents the walk pages: the first services by name and the first communes by code. Each is given figures,
  // articles and campaigns, so that one parent alone already reaches every kind of child.
  const firsts = await ok<{
    services: { nodes: { code: string; id: string }[] };
    administrativeUnits: { nodes: { code: string }[] };
  }>(
    send,
    EDITOR,
    '{ services(first: 10, orderBy: NAME) { nodes { code id } } administrativeUnits(parentCode: "01", first: 10) { nodes { code } } }',
    {},
  );
  const serviceCodes = firsts.services.nodes.map((service) => service.code);
  const communes = firsts.administrativeUnits.nodes.map((unit) => unit.code);
  if (serviceCodes.length < 10 || communes.length < 10) {
    throw new Error('The catalog has fewer services or communes than the SQL budget test needs');
  }

  const figure = (
    serviceCode: string,
    unitCode: string,
    month: string,
    channel: string,
    received: number,
  ) => ({
    serviceCode,
    unitCode,
    month,
    channel,
    received,
    resolvedOnTime: received,
  });
  // Every service in the first commune, and the first service in every commune, over two quarters.
  const rows = MONTHS.flatMap((month, index) => [
    ...serviceCodes.flatMap((code) => [
      figure(code, communes[0] as string, month, 'ONLINE', 20 + index),
      figure(code, communes[0] as string, month, 'IN_PERSON', 10 + index),
    ]),
    ...communes
      .slice(1)
      .flatMap((unit, rank) => [
        figure(serviceCodes[0] as string, unit, month, 'ONLINE', 30 + rank),
        figure(serviceCodes[0] as string, unit, month, 'IN_PERSON', 15 + rank),
      ]),
  ]);
  const IMPORT =
    'mutation ($source: ID!, $rows: [DossierFigureInput!]!) { importDossierFigures(source: $source, rows: $rows) { inserted corrected } }';
  await ok(send, DATA_OFFICER, IMPORT, { source: FIGURES_SOURCE, rows });
  // Two corrections of one figure: its audit trail then has two revisions.
  const revised = {
    serviceCode: serviceCodes[1] as string,
    unitCode: communes[0] as string,
    month: '2026-01',
    channel: 'ONLINE' as const,
  };
  for (const received of [41, 42]) {
    await ok(send, DATA_OFFICER, IMPORT, {
      source: FIGURES_SOURCE,
      rows: [figure(revised.serviceCode, revised.unitCode, revised.month, revised.channel, received)],
    });
  }

  // Services of the test's own, to replay through upsertServices (a replay changes nothing). Suspended, so no page
  // of active services (the walk's) shows them.
  const upsertedServices = Array.from({ length: 10 }, (_, index) => ({
    code: `9.9000${String(index).padStart(2, '0')}`,
    nameVi: `Thủ tục thử nghiệm ngân sách SQL ${index + 1}`,
    fieldCode: 'ho-tich',
    competentAgencyCode: 'UBND-00004',
    implementingAgencyCodes: ['UBND-00004'],
    levels: ['COMMUNE'],
    onlineLevel: 'FULL',
    audiences: ['CITIZEN'],
    status: 'SUSPENDED',
  }));
  await ok(
    send,
    DATA_OFFICER,
    'mutation ($services: [ServiceInput!]!) { upsertServices(services: $services) { created } }',
    { services: upsertedServices },
  );

  // Ten campaigns, each targeting services and communes with figures, with partners and assets. Each lasts two
  // months of the figures, so its effect reads a window before, during and after.
  const campaignIds: string[] = [];
  for (let index = 0; index < 10; index++) {
    const { createCampaign } = await ok<{ createCampaign: { id: string } }>(
      send,
      EDITOR,
      'mutation ($input: CampaignInput!) { createCampaign(input: $input) { id } }',
      {
        input: {
          name: `Chiến dịch thử nghiệm ${index + 1} (illustrative)`,
          objective: 'Đo chi phí SQL của mỗi chiến dịch.',
          audiences: [TEST_CAMPAIGN_AUDIENCE, 'ELDERLY'],
          startsOn: `${MONTHS[index % 3]}-${String(index + 1).padStart(2, '0')}`,
          endsOn: `${MONTHS[(index % 3) + 1]}-28`,
          channels: ['PRESS', 'SOCIAL'],
          targetServiceCodes: [serviceCodes[index], serviceCodes[(index + 1) % 10]],
          targetUnitCodes: [communes[0], communes[index]],
          assets: [asset(`campaign-${index + 1}`)],
          partnerCodes: ['hanoimoi', 'dai-phat-thanh-xa'],
        },
      },
    );
    campaignIds.push(createCampaign.id);
  }

  const programmeCodes = await addReformProgrammes(statistics, 9);
  await addSatisfactionSurveys(statistics, communes);
  const indicatorIds = Array.from(
    { length: 15 },
    (_, index) => `08-CTr-TU-2016-2020.${String(index + 1).padStart(2, '0')}`,
  );
  // Each article cites an indicator of its own programme, so the articles' indicators reach ten programmes.
  const citedProgrammes = ['08-CTr-TU-2016-2020', ...programmeCodes];

  // Ten articles, published a minute apart just before now (so partners receive them), each about services,
  // units, indicators and campaigns, with media and a source; every second one translates the one before.
  const articleIds: string[] = [];
  const now = Date.now();
  for (let index = 0; index < 10; index++) {
    const { createArticle } = await ok<{ createArticle: { id: string; version: number } }>(
      send,
      EDITOR,
      'mutation ($input: ArticleInput!) { createArticle(input: $input) { id version } }',
      {
        input: {
          slug: `ngan-sach-sql-${index + 1}`,
          headline: `Bài thử nghiệm ngân sách SQL ${index + 1}`,
          subheadline: 'Illustrative',
          summary: 'Bài minh họa cho phép thử chi phí SQL.',
          bodyHtml: `<p>Bài minh họa số ${index + 1}.</p>`,
          language: index % 2 ? 'EN' : 'VI',
          translationOf: index % 2 ? articleIds[index - 1] : null,
          byline: 'motcua (illustrative)',
          sourcePublisher: 'motcua',
          sourceUrl: 'https://example.org/',
          kind: TEST_ARTICLE_KIND,
          topicCodes: ['11006000', '14000000'],
          media: [asset(`article-${index + 1}`)],
          copyrightHolder: 'Thành phố Hà Nội',
          licence: 'MOTCUA-PRESS',
          serviceCodes: [serviceCodes[index], serviceCodes[(index + 3) % 10]],
          unitCodes: [communes[index], communes[(index + 1) % 10]],
          indicatorIds: [`${citedProgrammes[index]}.01`, indicatorIds[index + 1]],
          campaignIds: [campaignIds[index], campaignIds[(index + 1) % 10]],
          easyRead: 'Đây là bài minh họa. Bài rất ngắn.',
        },
      },
    );
    await ok(
      send,
      EDITOR,
      'mutation ($id: ID!, $version: Int!, $at: DateTime) { publishArticle(id: $id, version: $version, at: $at) { id } }',
      // The first article is the newest: the first of every page.
      {
        id: createArticle.id,
        version: createArticle.version,
        at: new Date(now - (index + 1) * 60_000).toISOString(),
      },
    );
    articleIds.push(createArticle.id);
  }

  const agencies = await ok<{ agencies: { nodes: { code: string }[] } }>(
    send,
    EDITOR,
    '{ agencies(first: 10) { nodes { code } } }',
    {},
  );

  return {
    serviceCodes,
    serviceIds: firsts.services.nodes.map((service) => service.id),
    // A ward dissolved in part on 1 July 2025 too, for references to a unit no longer in force.
    unitCodes: [...communes.slice(0, 9), '00016@2025-06-30'],
    agencyCodes: agencies.agencies.nodes.map((agency) => agency.code),
    articleIds,
    campaignIds,
    programmeCodes: ['08-CTr-TU-2016-2020', ...programmeCodes],
    indicatorIds,
    revisedFigure: revised,
    importedRows: rows.slice(0, 10),
    upsertedServices,
  };
}

/**
 * Reform programmes beyond the seeded one, each with three indicators (two values each) and two schemes. No API
 * writes programmes (they come from the seed), so they are inserted on the statistics subgraph's own connection,
 * into the tables its migrations made.
 */
async function addReformProgrammes(orm: Orm, count: number): Promise<string[]> {
  const programmes: Record<string, unknown>[] = [];
  const indicators: Record<string, unknown>[] = [];
  const values: Record<string, unknown>[] = [];
  const schemes: Record<string, unknown>[] = [];
  for (let index = 1; index <= count; index++) {
    const code = `SQL-BUDGET-${index}`;
    programmes.push({
      code,
      name: `Chương trình thử nghiệm ${index} (illustrative)`,
      owner: 'motcua',
      unit_code: '01',
      period_start: '2021-01-01',
      period_end: '2025-12-31',
      source_id: FIGURES_SOURCE,
    });
    for (let position = 1; position <= 3; position++) {
      const id = `${code}.0${position}`;
      indicators.push({
        id,
        programme_code: code,
        position,
        name_vi: `Chỉ tiêu ${position}`,
        name_en: `Indicator ${position}`,
        unit_of_measure: '%',
        direction: 'AT_LEAST',
        target: 80,
        baseline: 40,
        target_date: '2025-12-31',
        illustrative: true,
        source_id: FIGURES_SOURCE,
      });
      values.push(
        { indicator_id: id, period: '2022', period_end: '2022-12-31', value: 50, source_id: FIGURES_SOURCE },
        {
          indicator_id: id,
          period: '2023',
          period_end: '2023-12-31',
          value: 60 + position,
          source_id: FIGURES_SOURCE,
        },
      );
    }
    for (const completedOn of ['2023-12-31', null]) {
      schemes.push({
        programme_code: code,
        name: `Đề án thử nghiệm ${index}`,
        completed_on: completedOn,
        illustrative: true,
      });
    }
  }
  await insertStatistics(orm, [
    ['reform_programme', programmes],
    ['indicator', indicators],
    ['indicator_value', values],
    ['programme_scheme', schemes],
  ]);
  return programmes.map((programme) => String(programme.code));
}

/**
 * A satisfaction survey for each commune (the seed has surveys for four communes only; no API writes them), under
 * an agency code of the test's own so it never collides with a seeded survey.
 */
async function addSatisfactionSurveys(orm: Orm, communes: string[]): Promise<void> {
  await insertStatistics(orm, [
    [
      'satisfaction_survey',
      communes.map((unit, index) => ({
        unit_code: unit,
        agency_code: 'SQL-BUDGET',
        period_start: '2025-10-01',
        period_end: '2025-12-31',
        respondents: 200 + index,
        satisfied: 170 + index,
        source_id: FIGURES_SOURCE,
      })),
    ],
  ]);
}

/** Rows inserted into the statistics subgraph's tables, in one transaction on its own connection. */
async function insertStatistics(orm: Orm, tables: [table: string, rows: Record<string, unknown>[]][]) {
  await orm.em.fork().transactional(async (tx) => {
    for (const [table, rows] of tables) {
      const columns = Object.keys(rows[0] ?? {});
      await tx.execute(
        `insert into statistics.${table} (${columns.join(', ')}) values ${rows
          .map(() => `(${columns.map(() => '?').join(', ')})`)
          .join(', ')}`,
        rows.flatMap((row) => columns.map((column) => row[column])),
      );
    }
  });
}

/** The webhook endpoint the walk pages the deliveries of (disabled: the hub's worker leaves it alone). */
export const WEBHOOK_ENDPOINT_ID = '00000000-0000-4000-8000-00000000e001';

/**
 * A partner's webhook endpoint with a delivery of every change of the feed, each with two attempts: inserted into
 * the news subgraph's tables (registering through the API pings a live receiver and names the endpoint at random);
 * and the renditions of the published articles, which only the background worker makes.
 */
export async function createWebhookData(news: Orm): Promise<void> {
  await news.em.fork().transactional(async (tx) => {
    await tx.execute(
      `insert into news.webhook_endpoint (id, partner_code, url, status, status_reason, secrets, created_by, created_at)
       values (?, 'hanoimoi', 'https://example.org/hooks', 'DISABLED', 'the SQL budget test', '[]', 'sql-budget', now())`,
      [WEBHOOK_ENDPOINT_ID],
    );
    await tx.execute(
      `insert into news.webhook_delivery (endpoint_id, change_seq, status, attempts, next_attempt_at, reason, created_at)
       select ?, seq, 'PENDING', 2, now(), 'answered HTTP 500', now() from news.article_change`,
      [WEBHOOK_ENDPOINT_ID],
    );
    // Renditions as the worker makes them (it is off in tests): a large print and an audio of every published article.
    await tx.execute(
      `insert into news.article_rendition (article_id, kind, article_version, source, content_type, content,
         size_in_bytes, duration_seconds, checksum, generation_ms, generated_at)
       select a.id, k.kind, a.version, 'EASY_READ', k.type, '\\x00'::bytea, 1, k.duration, repeat('0', 64), 1, now()
       from news.article a cross join (values ('LARGE_PRINT', 'application/pdf', null::float8),
         ('AUDIO', 'audio/mpeg', 2.5::float8)) as k(kind, type, duration)
       where a.status = 'PUBLISHED'`,
    );
    await tx.execute(
      `insert into news.webhook_attempt (delivery_id, at, status_code, duration_ms)
       select d.id, now(), 500, 12 from news.webhook_delivery d cross join generate_series(1, 2)
       where d.endpoint_id = ?`,
      [WEBHOOK_ENDPOINT_ID],
    );
  });
}
