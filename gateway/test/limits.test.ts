import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUERY_LIMITS } from '../src/limits.ts';
import { COST_BUDGETS } from '../src/query-cost.ts';
import { type StubbedGateway, startStubbedGateway } from './support/stubbed-gateway.ts';

// An abusive query must be refused before any subgraph is called.
let gateway: StubbedGateway;

beforeAll(async () => {
  gateway = await startStubbedGateway({ services: { totalCount: 0, nodes: [] } });
});

afterAll(() => gateway.stop());

async function post(query: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      errors?: {
        message: string;
        extensions?: { code?: string; cost?: { requested: number; budget: number } };
      }[];
      extensions?: { cost?: { requested: number; budget: number } };
    },
  };
}

const nested = (levels: number) => {
  let selection = 'code';
  for (let level = 0; level < levels; level++) selection = `parent { ${selection} }`;
  return `{ administrativeUnit(code: "00004") { ${selection} } }`;
};

describe('query limits', () => {
  it.each([
    ['too deep', nested(QUERY_LIMITS.depth + 2), /depth/i],
    [
      'an alias bomb',
      `{ ${Array.from({ length: QUERY_LIMITS.aliases + 5 }, (_, index) => `a${index}: serviceFields { code }`).join(' ')} }`,
      /aliases/i,
    ],
    ['too many tokens', `{ services { nodes { ${'code '.repeat(QUERY_LIMITS.tokens)} } } }`, /token/i],
    [
      'too many directives',
      `{ services @include(if: true) ${'@include(if: true) '.repeat(QUERY_LIMITS.directives + 5)} { totalCount } }`,
      /directives/i,
    ],
  ])('refuses %s before calling any subgraph', async (_, query, message) => {
    gateway.subgraphCalls.count = 0;
    const { status, body } = await post(query);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.extensions?.code).toMatch(
      /GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_USER_INPUT/,
    );
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('refuses an anonymous query that costs more than the public budget before calling any subgraph', async () => {
    gateway.subgraphCalls.count = 0;
    // 100 units with 100 children each: 20,201 by the list sizes asked for.
    const { status, body } = await post(
      '{ administrativeUnits(first: 100) { nodes { children(first: 100) { nodes { code } } } } }',
    );
    expect(status).toBe(400);
    const [error] = body.errors ?? [];
    expect(error?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: { requested: 20_201, budget: COST_BUDGETS.PUBLIC },
    });
    expect(error?.message).toContain(`costs 20201, more than the budget of ${COST_BUDGETS.PUBLIC}`);
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('lets an ordinary portal query through and tells what it cost', async () => {
    gateway.subgraphCalls.count = 0;
    const { status, body } = await post('{ services(first: 20) { totalCount nodes { code } } }');
    expect(status).toBe(200);
    expect(gateway.subgraphCalls.count).toBe(1);
    expect(body.extensions?.cost).toEqual({ requested: 1 + 20 * 3, budget: COST_BUDGETS.PUBLIC });
  });
});
