import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headersOf, type Persona, startTestHub, type TestHub } from './support/test-hub.ts';

// The hub with Hive Gateway and its Rust planner behind `/graphql` (GATEWAY_ENGINE=hive, as `pnpm start:hive`), in
// every `pnpm test` run: the committed supergraph answered, each caller signed for each subgraph as itself, and the
// hub's own rules on queries applied before any subgraph is called. The whole end-to-end suite runs through it with
// `GATEWAY_ENGINE=hive pnpm test:jest` (see the README's Scaling out).
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub({ env: { GATEWAY_ENGINE: 'hive' } });
}, 120_000);

afterAll(async () => {
  await graph?.stop();
});

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { requested: number; budget: number } };
};

async function post(as: Persona, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersOf(as)), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

describe('Hive Gateway with the Rust planner as the engine of /graphql', () => {
  it('answers a service page across three subgraphs, with its cost', async () => {
    const { status, body } = await post(
      'PUBLIC',
      '{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } articles { totalCount } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.service).toMatchObject({
      name: expect.any(String),
      articles: { totalCount: expect.any(Number) },
    });
    expect(body.extensions?.cost).toEqual({ requested: expect.any(Number), budget: 5_000 });
  });

  it('signs each caller as itself, even for identical requests in flight at once', async () => {
    const created = await post(
      'EDITOR',
      'mutation { createArticle(input: { slug: "ban-nhap-hive", headline: "Bản nháp", bodyHtml: "<p>x</p>", language: VI, kind: NEWS, copyrightHolder: "Thành phố Hà Nội", licence: "MOTCUA-PRESS" }) { id } }',
    );
    expect(created.body.errors).toBeUndefined();
    const draft = '{ article(slug: "ban-nhap-hive") { id } }';
    const personas: Persona[] = ['PUBLIC', 'EDITOR', 'PARTNER', 'EDITOR', 'PUBLIC', 'EDITOR'];
    const seen = await Promise.all(
      personas.map(async (as) => Boolean((await post(as, draft)).body.data?.article)),
    );
    expect(seen).toEqual(personas.map((as) => as === 'EDITOR'));
    const forbidden = await post('PUBLIC', '{ webhookEndpoints { id } }');
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("applies the hub's cost budgets and argument rules before any subgraph is called", async () => {
    const big =
      '{ services(first: 100) { nodes { name usage(from: "2025-07", to: "2025-12") { received } articles(first: 20) { nodes { headline } } } } }';
    for (const counter of Object.values(graph.sql)) counter.reset();
    const refused = await post('PUBLIC', big);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: { budget: 5_000 },
    });
    const tooLarge = await post('PUBLIC', '{ services(first: 100000) { nodes { code } } }');
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.values(graph.sql).reduce((sum, counter) => sum + counter.count, 0)).toBe(0);
    const analyst = await post('ANALYST', big);
    expect(analyst.body.errors).toBeUndefined();
    expect(analyst.body.extensions?.cost?.budget).toBe(25_000);
  });

  it('refuses a query nested deeper than the limit, and a key that is not valid', async () => {
    let deep = '__typename';
    for (let i = 0; i < 12; i += 1) deep = `parent { ${deep} }`;
    const nested = await post('PUBLIC', `{ administrativeUnit(code: "00004") { ${deep} } }`);
    expect(nested.body.data ?? null).toBeNull();
    expect(nested.body.errors?.[0]?.message).toMatch(/depth/i);
    const badKey = await post('PUBLIC', '{ __typename }', { 'x-api-key': 'mc_nobody_wrong' });
    expect(badKey.status).toBe(401);
    expect(badKey.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
