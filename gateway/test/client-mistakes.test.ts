import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SEARCH_LIMITS } from '@motcua/inputs';
import { type StubbedGateway, startStubbedGateway } from './support/stubbed-gateway.ts';

// Client mistakes found by a hostile test of the hub (issue 12), each answered as a 4xx with a code, before any
// subgraph is called; the stand-in subgraphs count what reaches them.
let gateway: StubbedGateway;
let production: StubbedGateway;

beforeAll(async () => {
  gateway = await startStubbedGateway({ services: { totalCount: 0, nodes: [] } });
  production = await startStubbedGateway(
    { services: { totalCount: 0, nodes: [] } },
    { GRAPHQL_INTROSPECTION: 'false' },
  );
});

afterAll(async () => {
  await gateway?.stop();
  await production?.stop();
});

type Answer = {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

async function post(body: unknown, target = gateway): Promise<Answer> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function expectRefused(answer: Answer, code: RegExp | string, message?: RegExp) {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const [error] = answer.body.errors ?? [];
  expect(error?.extensions?.code).toMatch(code);
  if (message) expect(error?.message).toMatch(message);
}

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(' ');

describe('refused at the gateway with a code, before any subgraph', () => {
  it.each([
    [
      'a NUL byte in a literal string argument',
      { query: '{ services(search: "ha\\u0000noi") { totalCount } }' },
    ],
    [
      'a NUL byte in a variable',
      { query: 'query($s: String) { services(search: $s) { totalCount } }', variables: { s: 'a\u0000' } },
    ],
    [
      'a NUL byte in an input object',
      {
        query: 'query($f: ServiceFilter) { services(filter: $f) { totalCount } }',
        variables: { f: { fieldCode: 'x\u0000' } },
      },
    ],
    [
      'a lone surrogate',
      { query: 'query($s: String) { services(search: $s) { totalCount } }', variables: { s: 'a\ud800b' } },
    ],
    ['a page above the maximum', { query: '{ services(first: 101) { totalCount } }' }],
    [
      'a page above the maximum in a variable',
      { query: 'query($n: Int) { services(first: $n) { totalCount } }', variables: { n: 1_000_000 } },
    ],
    [
      'a search longer than the limit',
      { query: `{ services(search: "${'a'.repeat(SEARCH_LIMITS.maxLength + 1)}") { totalCount } }` },
    ],
    [
      'a search of more words than the limit',
      { query: `{ services(search: "${words(SEARCH_LIMITS.maxWords + 1)}") { totalCount } }` },
    ],
    [
      'a 100,000-word search',
      {
        query: 'query($s: String) { services(search: $s) { totalCount } }',
        variables: { s: words(100_000) },
      },
    ],
    [
      'a 900 KB word',
      {
        query: 'query($s: String) { agencies(search: $s) { totalCount } }',
        variables: { s: 'x'.repeat(900_000) },
      },
    ],
    [
      // graphql-js spelt the whole object out once per unknown field: 4,000 keys held the gateway for 87 s.
      'an input object of 5,000 fields',
      {
        query: 'query($f: ServiceFilter) { services(filter: $f) { totalCount } }',
        variables: { f: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])) },
      },
    ],
    [
      'a cursor far longer than any the hub issues',
      { query: `{ services(after: "${'A'.repeat(5_000)}") { totalCount } }` },
    ],
  ])('%s: BAD_USER_INPUT', async (_, body) => {
    gateway.subgraphCalls.count = 0;
    expectRefused(await post(body), 'BAD_USER_INPUT');
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('says which argument and what to do', async () => {
    const tooLong = await post({ query: `{ services(search: "${words(30)}") { totalCount } }` });
    expect(tooLong.body.errors?.[0]).toMatchObject({
      message: `\`search\` must have at most ${SEARCH_LIMITS.maxWords} words: search with a few words of the name`,
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' },
    });
    const page = await post({ query: '{ services(first: 101) { totalCount } }' });
    expect(page.body.errors?.[0]?.message).toBe('`first` must be between 0 and 100 (got 101)');
  });

  it.each([
    [
      'two operations without operationName',
      { query: 'query A { services { totalCount } } query B { services { totalCount } }' },
    ],
    ['an unknown operationName', { query: 'query A { services { totalCount } }', operationName: 'Nope' }],
    ['a subscription', { query: 'subscription { services { totalCount } }' }],
    ['a mutation type the graph lacks', { query: 'mutation { nothingHere }' }],
    ['an operationName that is not a string', { query: '{ services { totalCount } }', operationName: 42 }],
    ['variables that are not an object', { query: '{ services { totalCount } }', variables: [1, 2] }],
    ['no query at all', { variables: {} }],
  ])('%s: a 4xx with a code', async (_, body) => {
    gateway.subgraphCalls.count = 0;
    expectRefused(await post(body), /^[A-Z_]+$/);
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('counts the directives on every spread of a fragment', async () => {
    gateway.subgraphCalls.count = 0;
    const spreads = Array.from({ length: 100 }, () => '...F @include(if: true)').join(' ');
    const answer = await post({ query: `{ ${spreads} } fragment F on Query { services { totalCount } }` });
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED', /Directives limit of 50 exceeded, found 100/);
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('counts a fragment spread many times at its full weight', async () => {
    const spreads = Array.from({ length: 30 }, () => '...F').join(' ');
    const answer = await post({
      query: `{ ${spreads} } fragment F on Query { services @include(if: true) @skip(if: false) { totalCount } }`,
    });
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED', /found 60/);
  });
});

describe('production spells out nothing of the schema', () => {
  it('suggests no enum value', async () => {
    const literal = await post(
      { query: '{ services(filter: { onlineLevels: [FUL] }) { totalCount } }' },
      production,
    );
    expectRefused(literal, 'GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(literal.body)).not.toMatch(/Did you mean|FULL/);
    const variable = await post(
      {
        query: 'query($f: ServiceFilter) { services(filter: $f) { totalCount } }',
        variables: { f: { onlineLevels: ['FUL'] } },
      },
      production,
    );
    expectRefused(variable, /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(JSON.stringify(variable.body)).not.toMatch(/Did you mean|FULL/);
  });

  it('still suggests them in development', async () => {
    const literal = await post({ query: '{ services(filter: { onlineLevels: [FUL] }) { totalCount } }' });
    expect(JSON.stringify(literal.body)).toMatch(/Did you mean/);
  });
});
