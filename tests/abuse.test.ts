import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-request';
import { headersOf, type Persona, startTestHub, type TestHub } from './support/test-hub.ts';

// The whole hub with a small allowance for partner keys, so the limit is reached in a few requests.
const PARTNER_ALLOWANCE = 3;
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub({
    gateway: {
      rateAllowances: {
        windowSeconds: 60,
        perIp: 1_000,
        perKey: {
          PARTNER: PARTNER_ALLOWANCE,
          ANALYST: 100,
          EDITOR: 100,
          DATA_OFFICER: 100,
          ADMIN: 100,
        },
      },
    },
  });
});

afterAll(async () => {
  await graph?.stop();
});

type Answer = {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions: Record<string, unknown> }[];
    extensions?: { cost?: { requested: number; budget: number } };
  };
};

async function post(persona: Persona, query: string): Promise<Answer> {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersOf(persona)) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

/** Statements of the subgraphs that hold data; checking the caller's key (access) comes before any limit. */
const dataStatements = () => graph.sql.services.count + graph.sql.statistics.count + graph.sql.news.count;

describe('rate limits per key', () => {
  it('refuses a key past its allowance with 429 and when to retry, without touching other callers', async () => {
    const feed = '{ partnerFeed(first: 1) { cursor } }';
    for (let request = 0; request < PARTNER_ALLOWANCE; request += 1) {
      expect((await post('PARTNER', feed)).status).toBe(200);
    }
    for (const counter of Object.values(graph.sql)) counter.reset();
    const refused = await post('PARTNER', feed);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refused.retryAfter),
    });
    expect(refused.body.errors?.[0]?.message).toMatch(
      new RegExp(`^Too many requests for this key \\(${PARTNER_ALLOWANCE} per 60 s\\): retry in \\d+ s$`),
    );
    expect(dataStatements()).toBe(0);
    const metrics = await (await fetch(`${graph.hub.gatewayOrigin}/metrics`)).text();
    expect(metrics).toMatch(/motcua_gateway_refusals_total\{code="RATE_LIMITED"\} 1/);
    // The other partner's key, and anonymous readers on the same address, have their own counts.
    expect((await post('PARTNER_WITHOUT_EMBARGO', feed)).status).toBe(200);
    expect((await post('PUBLIC', '{ articles { totalCount } }')).status).toBe(200);
  });
});

describe('query cost budgets per role', () => {
  // 100 services, each with its usage and 20 articles: the page size multiplies what is asked of each item.
  const BIG = gql`{ services(first: 100) { nodes { name usage(from: "2025-07", to: "2025-12") { received }
    articles(first: 20) { nodes { headline summary } } } } }`;

  it('refuses an anonymous caller a query that an analyst may run, before any subgraph is called', async () => {
    for (const counter of Object.values(graph.sql)) counter.reset();
    const anonymous = await post('PUBLIC', BIG);
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: { budget: 5_000 },
    });
    const requested = Number(
      (anonymous.body.errors?.[0]?.extensions.cost as { requested?: number } | undefined)?.requested,
    );
    expect(requested).toBeGreaterThan(5_000);
    expect(dataStatements()).toBe(0);

    const analyst = await post('ANALYST', BIG);
    expect(analyst.body.errors).toBeUndefined();
    expect(analyst.body.extensions?.cost).toEqual({ requested, budget: 25_000 });
    expect((analyst.body.data as { services: { nodes: unknown[] } }).services.nodes).toHaveLength(100);
  });

  it('counts the page size the client asks for', async () => {
    const cost = async (first: number) =>
      (await post('PUBLIC', `{ services(first: ${first}) { nodes { code name } } }`)).body.extensions?.cost
        ?.requested;
    expect(await cost(40)).toBeGreaterThan((await cost(10)) ?? Number.POSITIVE_INFINITY);
  });
});
