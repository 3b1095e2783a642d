import { ApolloServer } from '@apollo/server';
import { afterAll, describe, expect, it } from '@jest/globals';
import { MAX_PAGE_SIZE } from '@motcua/paging';
import type { Role } from '@motcua/roles';
import { buildSchema, parse } from 'graphql';
import { ASSUMED_LIST_SIZE, COST_BUDGETS, queryCost, queryCostPlugin } from '../src/query-cost.ts';

// A small graph with the shapes the real one has: a connection paged by `first` (with a default), a list paged by
// `first`, lists with no bound, and scalars.
const typeDefs = `
  type Query {
    services(first: Int = 20): ServiceConnection!
    service(code: ID!): Service
    ranking(first: Int = 10): [Ranked!]!
    fields: [Field!]!
  }
  type ServiceConnection { totalCount: Int! nodes: [Service!]! }
  type Service { code: ID! fees: [Fee!]! }
  type Fee { amount: Int! }
  type Field { code: ID! }
  type Ranked { rank: Int! fees: [Fee!]! }
`;
const schema = buildSchema(typeDefs);
const cost = (query: string, variables?: Record<string, unknown>) =>
  queryCost(schema, parse(query), variables);

describe('query cost', () => {
  it.each([
    ['a scalar costs 1, and so does the field holding it', '{ service(code: "1") { code } }', 2],
    [
      '`first` multiplies what each item asks for',
      '{ services(first: 5) { totalCount nodes { code } } }',
      16,
    ],
    ["`first` left out counts the argument's default", '{ services { nodes { code } } }', 1 + 20 * 2],
    [
      'a list with no bound counts as ASSUMED_LIST_SIZE items',
      '{ fields { code } }',
      1 + ASSUMED_LIST_SIZE * 1,
    ],
    [
      "a connection's nodes are the page `first` counted; a list in each node counts again",
      '{ services(first: 2) { nodes { fees { amount } } } }',
      1 + 2 * (1 + (1 + ASSUMED_LIST_SIZE * 1)),
    ],
    [
      'a list paged by `first` multiplies by `first`',
      '{ ranking(first: 4) { fees { amount } } }',
      1 + 4 * (1 + ASSUMED_LIST_SIZE * 1),
    ],
    ['introspection costs nothing: the gateway answers it from memory', '{ __schema { types { name } } }', 0],
  ])('%s', (_, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('reads `first` from the variables', () => {
    expect(cost('query ($n: Int) { services(first: $n) { nodes { code } } }', { n: 3 })).toBe(1 + 3 * 2);
  });

  it('cannot be lowered by a negative `first` beside the costly part', () => {
    const costly = '{ services(first: 20) { nodes { fees { amount } } } }';
    const withNegative =
      '{ a: services(first: 20) { nodes { fees { amount } } } b: services(first: -1000000) { nodes { code } } }';
    expect(cost(withNegative)).toBe(cost(costly) + 1);
  });

  it('counts the largest page for a `first` given as null, literally or by a variable', () => {
    const largest = 1 + MAX_PAGE_SIZE * 2;
    expect(cost('{ services(first: null) { nodes { code } } }')).toBe(largest);
    expect(cost('query ($n: Int) { services(first: $n) { nodes { code } } }', { n: null })).toBe(largest);
  });
});

describe('cost budgets per role', () => {
  const budgets: Record<Role, number> = {
    PUBLIC: 100,
    PARTNER: 200,
    ANALYST: 1_000,
    EDITOR: 1_000,
    DATA_OFFICER: 1_000,
    ADMIN: 1_000,
  };
  type Context = { role: Role };
  let resolved = 0;
  const server = new ApolloServer<Context>({
    typeDefs,
    resolvers: {
      Query: {
        services: () => {
          resolved += 1;
          return { totalCount: 0, nodes: [] };
        },
      },
    },
    plugins: [queryCostPlugin<Context>(budgets, (context) => context.role)],
  });
  const BIG_PAGE = '{ services(first: 100) { nodes { code } } }'; // 201
  afterAll(() => server.stop());

  const run = async (role: Role, query: string, variables?: Record<string, unknown>) => {
    resolved = 0;
    const response = await server.executeOperation({ query, variables }, { contextValue: { role } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  };

  it("refuses a query over the caller's budget before anything is resolved, naming cost and budget", async () => {
    const { status, result } = await run('PUBLIC', BIG_PAGE);
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: { requested: 201, budget: 100 },
    });
    expect(result.errors?.[0]?.message).toMatch(/costs 201.*budget of 100 for PUBLIC/);
    expect(resolved).toBe(0);
  });

  it('lets the same query through for an analyst, and reports its cost', async () => {
    const { result } = await run('ANALYST', BIG_PAGE);
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 201, budget: 1_000 });
    expect(resolved).toBe(1);
  });

  it('refuses variables that do not fit their types as bad input', async () => {
    const { status, result } = await run(
      'ANALYST',
      'query ($n: Int) { services(first: $n) { totalCount } }',
      {
        n: 'many',
      },
    );
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(resolved).toBe(0);
  });
});

describe('what ranges, searches and unpaged lists read (field-prices.ts)', () => {
  const graph = buildSchema(`
    type Query {
      usage(from: String!, to: String!): Usage!
      usageBreakdown(by: Dimension!, from: String!, to: String!): [Share!]!
      services(search: String, first: Int = 20): ServiceConnection!
    }
    enum Dimension { UNIT SERVICE FIELD CHANNEL }
    type Usage { received: Int! }
    type Share { key: String! received: Int! }
    type ServiceConnection { totalCount: Int! }
  `);
  const price = (query: string) => queryCost(graph, parse(query));

  it('prices a range by its months, so nine thousand years cost more than any budget', () => {
    expect(price('{ usage(from: "2025-01", to: "2025-12") { received } }')).toBe(2 + 12);
    expect(price('{ usage(from: "0001-01", to: "9999-12") { received } }')).toBeGreaterThan(
      Math.max(...Object.values(COST_BUDGETS)),
    );
  });

  it('prices a breakdown by the rows its dimension holds', () => {
    const byUnit = price('{ usageBreakdown(by: UNIT, from: "2025-01", to: "2025-01") { key received } }');
    const byChannel = price(
      '{ usageBreakdown(by: CHANNEL, from: "2025-01", to: "2025-01") { key received } }',
    );
    expect(byUnit).toBe(1 + 1 + 1_000 * 2);
    expect(byChannel).toBe(1 + 1 + 3 * 2);
  });

  it('prices a search by its words', () => {
    const plain = price('{ services { totalCount } }');
    expect(price('{ services(search: "dang ky khai sinh") { totalCount } }')).toBe(plain + 10 * 5);
  });
});
