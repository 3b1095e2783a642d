import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGatewayApp, type GatewayApp } from '@motcua/gateway';
import { listen } from '@motcua/lifecycle';
import { testConfig } from '@motcua/testkit';
import pg from 'pg';
import { headersOf, type Persona, startTestHub, type TestHub } from './support/test-hub.ts';

// The gateway's response cache (issue 11), through the gateway, over the real PostgreSQL and the real Redis: what
// it serves again, to whom, and how a committed change (through the API or behind it) drops what it kept.

const SERVICE = '1.001193';
const SERVICE_PAGE = `query ServicePage { service(code: "${SERVICE}") { code nameEn: name(language: EN) field { name } competentAgency { name } usage(from: "2025-07", to: "2025-12") { received } articles { totalCount } } }`;
const USAGE = `query Usage { usageSeries(granularity: MONTH, from: "2026-01", to: "2026-01", serviceCode: "${SERVICE}", unitCode: "00070") { received } }`;

type Answer = {
  status: number;
  cache: string | null;
  age: string | null;
  cacheControl: string | null;
  text: string;
  body: { data?: Record<string, unknown>; errors?: { message: string }[] };
};

async function ask(
  url: string,
  query: string,
  { as = 'PUBLIC', variables }: { as?: Persona; variables?: object } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersOf(as)) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    age: response.headers.get('age'),
    cacheControl: response.headers.get('cache-control'),
    text,
    body: JSON.parse(text),
  };
}

const statementsOf = (graph: TestHub) =>
  Object.values(graph.sql).reduce((sum, counter) => sum + counter.count, 0);

const UPSERT =
  'mutation ($services: [ServiceInput!]!) { upsertServices(services: $services) { created updated } }';
const renamed = (nameEn: string) => ({
  services: [
    {
      code: '9.000001',
      nameVi: 'Thủ tục thử nghiệm bộ nhớ đệm',
      nameEn,
      fieldCode: 'ho-tich',
      competentAgencyCode: 'UBND-00004',
      levels: ['COMMUNE'],
      onlineLevel: 'PARTIAL',
      audiences: ['CITIZEN'],
      fees: [],
    },
  ],
});
const NEW_SERVICE_NAME = '{ service(code: "9.000001") { nameEn: name(language: EN) } }';

describe('in memory, one gateway', () => {
  let graph: TestHub;

  beforeAll(async () => {
    graph = await startTestHub({ env: { RESPONSE_CACHE: 'true' } });
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('answers a repeated anonymous query from the cache, the same answer, with no SQL', async () => {
    const first = await ask(graph.hub.url, SERVICE_PAGE);
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    // The shortest hint of what it holds: the articles' minute.
    expect(first.cacheControl).toBe('max-age=60, public');
    for (const counter of Object.values(graph.sql)) counter.reset();
    const second = await ask(graph.hub.url, SERVICE_PAGE);
    expect(second.cache).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.age).toMatch(/^\d+$/);
    expect(second.cacheControl).toBe('max-age=60, public');
    expect(statementsOf(graph)).toBe(0);
  });

  it("keeps the portal's whole service page and the catalog browse (every type they hold has a hint)", async () => {
    const pages = [
      {
        query: `query ($code: String!) { service(code: $code) { id code name onlineLevel field { code name } competentAgency { code name }
          offerings(first: 20) { totalCount nodes { onlineLevel unit { code name } } }
          usage(from: "2025-01", to: "2025-12") { received receivedOnline onlineRate onTimeRate months { month received receivedOnline onlineRate } }
          articles(first: 5) { totalCount nodes { id headline publishedAt } } } }`,
        variables: { code: SERVICE },
      },
      {
        query: `query ($search: String) {
          services(search: $search, first: 50) { totalCount nodes { code name onlineLevel field { code name } competentAgency { code name } } }
          serviceFacets(search: $search) { total fields { value count } onlineLevels { value count } audiences { value count } } }`,
        variables: { search: 'khai sinh' },
      },
    ];
    for (const { query, variables } of pages) {
      const first = await ask(graph.hub.url, query, { variables });
      expect(first.body.errors).toBeUndefined();
      expect(first.cacheControl).toMatch(/^max-age=\d+, public$/);
      const second = await ask(graph.hub.url, query, { variables });
      expect(second.cache).toBe('hit');
      expect(second.text).toBe(first.text);
    }
  });

  it('never serves a caller with credentials from the cache, nor keeps their answer', async () => {
    await ask(graph.hub.url, SERVICE_PAGE);
    expect((await ask(graph.hub.url, SERVICE_PAGE)).cache).toBe('hit');
    for (const persona of ['ANALYST', 'EDITOR', 'PARTNER'] as const) {
      for (let i = 0; i < 2; i += 1) {
        for (const counter of Object.values(graph.sql)) counter.reset();
        const answer = await ask(graph.hub.url, SERVICE_PAGE, { as: persona });
        expect(answer.body.errors).toBeUndefined();
        expect(answer.cache).toBe('bypass');
        expect(answer.age).toBeNull();
        expect(answer.cacheControl).toBe('no-store');
        // Asked of the subgraphs every time: neither the anonymous answer nor a copy of their own.
        expect(statementsOf(graph)).toBeGreaterThan(0);
      }
    }
    // And the anonymous answer is still the anonymous one.
    expect((await ask(graph.hub.url, SERVICE_PAGE)).cache).toBe('hit');
  });

  it('keeps nothing a subgraph gave no hint for (who the caller is), nor answers with errors', async () => {
    // The access subgraph has no data version: nothing it answers is looked up, nor kept.
    const viewer = '{ viewer { role } }';
    await ask(graph.hub.url, viewer);
    const again = await ask(graph.hub.url, viewer);
    expect(again.cache).toBe('bypass');
    expect(again.cacheControl).toBe('no-store');
    const forbidden = `{ usageSeriesCsv(granularity: MONTH, from: "2025-07", to: "2025-12", serviceCode: "${SERVICE}") }`;
    const refused = await ask(graph.hub.url, forbidden);
    expect(refused.body.errors).toBeDefined();
    expect((await ask(graph.hub.url, forbidden)).cache).toBe('miss');
  });

  it('drops a kept answer as soon as an edit through the API has committed', async () => {
    expect(
      (await ask(graph.hub.url, UPSERT, { as: 'DATA_OFFICER', variables: renamed('Before') })).body.errors,
    ).toBeUndefined();
    await ask(graph.hub.url, NEW_SERVICE_NAME);
    expect((await ask(graph.hub.url, NEW_SERVICE_NAME)).cache).toBe('hit');
    await ask(graph.hub.url, UPSERT, { as: 'DATA_OFFICER', variables: renamed('After') });
    const after = await ask(graph.hub.url, NEW_SERVICE_NAME);
    expect(after.cache).toBe('miss');
    expect(after.body.data).toEqual({ service: { nameEn: 'After' } });
  });

  it('drops a kept answer as soon as an import through the API has committed', async () => {
    const importFigures = (received: number) =>
      ask(
        graph.hub.url,
        'mutation ($rows: [DossierFigureInput!]!) { importDossierFigures(source: "motcua-illustrative", rows: $rows) { inserted corrected } }',
        {
          as: 'DATA_OFFICER',
          variables: {
            rows: [
              { serviceCode: SERVICE, unitCode: '00070', month: '2026-01', channel: 'ONLINE', received },
            ],
          },
        },
      );
    const receivedIn = (answer: Answer) =>
      (answer.body.data as { usageSeries: { received: number }[] }).usageSeries[0]?.received;
    // Above what the example data resolved that month, so the rows are valid.
    expect((await importFigures(500)).body.errors).toBeUndefined();
    const before = await ask(graph.hub.url, USAGE);
    const kept = await ask(graph.hub.url, USAGE);
    expect(kept.cache).toBe('hit');
    expect((await importFigures(600)).body.errors).toBeUndefined();
    const after = await ask(graph.hub.url, USAGE);
    expect(after.cache).toBe('miss');
    expect(receivedIn(after)).toBe((receivedIn(before) as number) + 100);
  });

  it('drops only the answers that reach the subgraph written to', async () => {
    await ask(graph.hub.url, UPSERT, { as: 'DATA_OFFICER', variables: renamed('Catalog only') });
    for (const query of [NEW_SERVICE_NAME, SERVICE_PAGE]) {
      await ask(graph.hub.url, query);
      expect((await ask(graph.hub.url, query)).cache).toBe('hit');
    }
    const draft = await ask(
      graph.hub.url,
      'mutation ($input: ArticleInput!) { createArticle(input: $input) { id } }',
      {
        as: 'EDITOR',
        variables: {
          input: {
            headline: 'Bản nháp về bộ nhớ đệm',
            slug: 'ban-nhap-bo-nho-dem',
            bodyHtml: '<p>Bản nháp.</p>',
            language: 'VI',
            kind: 'NEWS',
            copyrightHolder: 'Thành phố Hà Nội',
            licence: 'MOTCUA-PRESS',
          },
        },
      },
    );
    expect(draft.body.errors).toBeUndefined();
    // The news changed: the service page holds its articles, the service's name does not reach the news.
    expect((await ask(graph.hub.url, SERVICE_PAGE)).cache).toBe('miss');
    expect((await ask(graph.hub.url, NEW_SERVICE_NAME)).cache).toBe('hit');
  });

  it('drops a kept answer when a write behind the API commits (a hand-written UPDATE)', async () => {
    await ask(graph.hub.url, NEW_SERVICE_NAME);
    expect((await ask(graph.hub.url, NEW_SERVICE_NAME)).cache).toBe('hit');
    const client = new pg.Client({ connectionString: graph.databaseUrl });
    await client.connect();
    try {
      await client.query(`update services.public_service set name_en = 'By hand' where code = '9.000001'`);
    } finally {
      await client.end();
    }
    // The notification reaches the gateway after the commit, on its own connection: the next answers are fresh.
    const nameOf = (answer: Answer) => (answer.body.data as { service: { nameEn: string } }).service.nameEn;
    let answer = await ask(graph.hub.url, NEW_SERVICE_NAME);
    while (nameOf(answer) !== 'By hand') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer = await ask(graph.hub.url, NEW_SERVICE_NAME);
    }
    expect((await ask(graph.hub.url, NEW_SERVICE_NAME)).body.data).toEqual({
      service: { nameEn: 'By hand' },
    });
  });
});

describe('in Redis, shared by two gateways', () => {
  let graph: TestHub;
  let second: { gateway: GatewayApp; url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const env = {
      RESPONSE_CACHE: 'true',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_KEY_PREFIX: `cache-test-${randomBytes(4).toString('hex')}`,
    };
    graph = await startTestHub({ env });
    const gateway = await createGatewayApp(testConfig(graph.env), { subgraphUrls: graph.hub.subgraphUrls });
    const { server, origin } = await listen(gateway.app);
    second = {
      gateway,
      url: `${origin}/graphql`,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await gateway.stop();
      },
    };
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await graph?.stop();
  });

  it("serves one gateway's answer from the other, and drops it on both after an edit through one", async () => {
    await ask(graph.hub.url, UPSERT, { as: 'DATA_OFFICER', variables: renamed('Shared before') });
    const first = await ask(graph.hub.url, NEW_SERVICE_NAME);
    expect(first.cache).toBe('miss');
    const fromOther = await ask(second.url, NEW_SERVICE_NAME);
    expect(fromOther.cache).toBe('hit');
    expect(fromOther.text).toBe(first.text);
    await ask(second.url, UPSERT, { as: 'DATA_OFFICER', variables: renamed('Shared after') });
    // The gateway that made the edit knows at once; the other as soon as PostgreSQL's notification arrives, which
    // it sends at the commit, before the edit's answer has left the subgraph.
    for (const url of [second.url, graph.hub.url]) {
      const answer = await ask(url, NEW_SERVICE_NAME);
      expect(answer.body.data).toEqual({ service: { nameEn: 'Shared after' } });
    }
  });
});

describe('with RESPONSE_CACHE=false', () => {
  let graph: TestHub;

  beforeAll(async () => {
    graph = await startTestHub({ env: { RESPONSE_CACHE: 'false' } });
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('keeps nothing, and still tells HTTP caches that an answer to a caller with credentials is theirs alone', async () => {
    for (let i = 0; i < 2; i += 1) {
      for (const counter of Object.values(graph.sql)) counter.reset();
      const anonymous = await ask(graph.hub.url, SERVICE_PAGE);
      expect(anonymous.cache).toBeNull();
      expect(anonymous.cacheControl).toBe('max-age=60, public');
      expect(statementsOf(graph)).toBeGreaterThan(0);
    }
    for (const persona of ['ANALYST', 'EDITOR'] as const) {
      expect((await ask(graph.hub.url, SERVICE_PAGE, { as: persona })).cacheControl).toBe('no-store');
    }
  });
});
