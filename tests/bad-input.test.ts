import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
});

afterAll(async () => {
  await graph?.stop();
});

type GraphQLResponse = {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

/** Posts like any HTTP client would, to see the status code and the raw error list. */
async function post(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

function expectOneError(response: GraphQLResponse, code: string, message: RegExp) {
  expect(response.status).toBeLessThan(500);
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors ?? [];
  expect(error?.extensions?.code).toBe(code);
  expect(error?.message).toMatch(message);
  expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\bat .*\.ts:\d+|select .* from/i);
}

describe('bad input gets a GraphQL error with a code and a message a person can act on', () => {
  it('a malformed query', async () => {
    expectOneError(await post('{ services { '), 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });

  it('an unknown field', async () => {
    expectOneError(
      await post('{ services { nodes { colour } } }'),
      'GRAPHQL_VALIDATION_FAILED',
      /Cannot query field "colour"/,
    );
  });

  it('a negative page size', async () => {
    expectOneError(
      await post('{ services(first: -1) { totalCount } }'),
      'BAD_USER_INPUT',
      /`first` must be between 0 and 100 \(got -1\)/,
    );
  });

  it('a cursor that was not issued by the list', async () => {
    expectOneError(
      await post('{ services(after: "bogus") { totalCount } }'),
      'BAD_USER_INPUT',
      /not a cursor/,
    );
  });

  it('an unknown unit code: null with NOT_FOUND', async () => {
    const response = await post('{ administrativeUnit(code: "99999") { name } }');
    expectOneError(response, 'NOT_FOUND', /No administrative unit has code 99999/);
    expect(response.body.data).toEqual({ administrativeUnit: null });
  });

  it('a malformed unit code', async () => {
    expectOneError(
      await post('{ administrativeUnit(code: "Hà Nội") { name } }'),
      'BAD_USER_INPUT',
      /not an administrative unit code/,
    );
  });

  it('an unknown parent unit when listing units', async () => {
    expectOneError(
      await post('{ administrativeUnits(parentCode: "98") { totalCount } }'),
      'NOT_FOUND',
      /code 98/,
    );
  });

  it('an unknown service code, and a service asked for by both id and code', async () => {
    expectOneError(
      await post('{ service(code: "9.999999") { name } }'),
      'NOT_FOUND',
      /No public service has code 9.999999/,
    );
    expectOneError(
      await post('{ service(id: "00000000-0000-0000-0000-000000000000", code: "1.001193") { name } }'),
      'BAD_USER_INPUT',
      /exactly one of `id` or `code`/,
    );
  });

  it('a month that is not YYYY-MM, in a variable and inline', async () => {
    const inVariable = await post(
      'query ($from: Month!) { usage(from: $from, to: "2025-12") { received } }',
      {
        from: '2025-13',
      },
    );
    expectOneError(inVariable, 'BAD_USER_INPUT', /YYYY-MM/);
    expectOneError(
      await post('{ usage(from: "July", to: "2025-12") { received } }'),
      'GRAPHQL_VALIDATION_FAILED',
      /YYYY-MM/,
    );
  });

  it('a range of months that ends before it starts', async () => {
    expectOneError(
      await post('{ service(code: "1.001193") { usage(from: "2025-12", to: "2025-07") { received } } }'),
      'BAD_USER_INPUT',
      /`from` \(2025-12\) must not be after `to` \(2025-07\)/,
    );
  });
});

describe('the HTTP status of a refusal', () => {
  // GraphQL over HTTP: an answer with `data` is a 200 (2xx under application/graphql-response+json). A request whose
  // every root field a subgraph refused as the caller's mistake has nothing to answer: the gateway answers it as the
  // refusal it is, a 400 without `data`, as it does the mistakes it catches itself.
  it('is 400 without data when a subgraph refuses every root field as bad input', async () => {
    // Only the services subgraph knows that RELEVANCE needs a search.
    const refused = await post('{ services(orderBy: RELEVANCE) { totalCount } }');
    expect(refused.status).toBe(400);
    expect(refused.body).not.toHaveProperty('data');
    expect(refused.body.errors?.[0]?.message).toMatch(/RELEVANCE needs a `search`/);
    // Shaped as the hub's cursors are, but not one of the articles' (which the news subgraph knows); both fields may
    // be null, so `data` is there, every field in it refused.
    const cursor = Buffer.from('[1]').toString('base64url');
    const both = await post(
      `{ a: articles(after: "${cursor}") { totalCount } b: articles(first: 1, after: "${cursor}") { totalCount } }`,
    );
    expect(both.status).toBe(400);
    expect(both.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
  });

  it('is 400 under application/graphql-response+json too', async () => {
    const response = await fetch(graph.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ services(orderBy: RELEVANCE) { totalCount } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).not.toHaveProperty('data');
  });

  it('stays 200 for a partial answer, a lookup of nothing, or bad input beside something answered', async () => {
    // (`articles` may be null; a refused `services`, which may not, would take the whole `data` with it: a 400.)
    const forged = Buffer.from('[1]').toString('base64url');
    const partial = await post(
      `{ services(first: 1) { totalCount } bad: articles(after: "${forged}") { totalCount } }`,
    );
    expect(partial.status).toBe(200);
    expect(partial.body.data).toMatchObject({ services: { totalCount: expect.any(Number) }, bad: null });
    expect(partial.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nothing = await post('{ service(code: "9.999999") { name } }');
    expect(nothing.status).toBe(200);
    expect(nothing.body.data).toEqual({ service: null });
    // Refused below a root field that answered: the service's name is an answer.
    const cursor = Buffer.from('[1]').toString('base64url');
    const nested = await post(
      `{ service(code: "1.001193") { name articles(after: "${cursor}") { totalCount } } }`,
    );
    expect(nested.status).toBe(200);
    expect(nested.body.data).toMatchObject({ service: { name: expect.any(String), articles: null } });
    expect(nested.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
