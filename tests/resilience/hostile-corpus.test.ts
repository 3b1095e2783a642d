import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@motcua/errors';
import {
  buildClientSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { startTestHub, type TestHub } from '../support/test-hub.ts';

// The hostile corpus (issue 12): every probe of the hostile test of the hub, and more, as cases. A case that hits a
// limit must be refused with a 4xx and a code before any subgraph is called; an injection string in an argument
// must be answered as a client's request is (data, or a 4xx with a code), never a 5xx, never SQL or a stack.
let graph: TestHub;
let schema: GraphQLSchema;

const HTTP = {
  HTTP_HEADERS_TIMEOUT_MS: '1000',
  HTTP_REQUEST_TIMEOUT_MS: '2000',
  MAX_CONNECTIONS_PER_IP: '32',
};

beforeAll(async () => {
  graph = await startTestHub({ env: { ...HTTP, RATE_LIMIT_PER_IP: '100000' } });
  const introspection = await post({ query: getIntrospectionQuery() });
  schema = buildClientSchema((introspection.body as { data: IntrospectionQuery }).data);
});

afterAll(async () => {
  await graph?.stop();
});

type Answer = { status: number; body: unknown; text: string };

async function send(body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed, text };
}

const post = (body: unknown) => send(JSON.stringify(body));

/** Subgraph calls the gateway made so far, from its own metrics. */
async function subgraphCalls(): Promise<number> {
  const text = await (await fetch(`${graph.hub.gatewayOrigin}/metrics`)).text();
  return [...text.matchAll(/^motcua_subgraph_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

/** A raw HTTP exchange on its own socket: what the server sends before it closes (or `ms` pass). */
function raw(write: (socket: import('node:net').Socket) => void, ms: number): Promise<Answer> {
  return new Promise((resolve) => {
    const url = new URL(graph.hub.url);
    const socket = connect(Number(url.port), url.hostname, () => write(socket));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('error', () => undefined);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const json = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body: unknown = null;
      try {
        body = JSON.parse(json);
      } catch {}
      resolve({ status, body, text });
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

type Case = {
  group: string;
  name: string;
  run: () => Promise<Answer>;
  /**
   * `refused`: a 4xx with a code; `coded`: when refused, a 4xx with a code, whether by the gateway or by the
   * subgraph that knows the argument (a cursor shaped right but for another list); `answered`: data or a 4xx with a
   * code, never a 5xx. In every case a refusal of the caller's input (BAD_USER_INPUT) is never a 200.
   */
  expect: 'refused' | 'coded' | 'answered';
  /** A limit applies: no subgraph may be called. */
  limit: boolean;
};

const cases: Case[] = [];
const add = (
  group: string,
  name: string,
  run: () => Promise<Answer>,
  expectation: Case['expect'] = 'refused',
  limit = true,
) => cases.push({ group, name, run, expect: expectation, limit });
const query =
  (text: string, variables?: unknown, extra: Record<string, unknown> = {}) =>
  () =>
    post({ query: text, variables, ...extra });

// Depth: nested parents beyond the limit of 10, in several spellings.
const nested = (levels: number, field = 'parent') => {
  let selection = 'code';
  for (let level = 0; level < levels; level++) selection = `${field} { ${selection} }`;
  return `{ administrativeUnit(code: "00004") { ${selection} } }`;
};
for (const levels of [11, 12, 15, 20, 30, 50, 100, 200])
  add('depth', `${levels} levels`, query(nested(levels)));
add(
  'depth',
  'depth through fragments',
  query(
    `{ ...A } ${Array.from({ length: 14 }, (_, i) => `fragment ${String.fromCharCode(65 + i)} on ${i === 0 ? 'Query' : 'AdministrativeUnit'} { ${i === 0 ? 'administrativeUnit(code: "00004") {' : 'parent {'} ${i < 13 ? `...${String.fromCharCode(66 + i)}` : 'code'} } }`).join(' ')}`,
  ),
);
add(
  'depth',
  'depth through inline fragments',
  query(
    `{ administrativeUnit(code: "00004") { ${'... on AdministrativeUnit { parent { '.repeat(12)}code${' } }'.repeat(12)} } }`,
  ),
);

// Aliases beyond 15.
for (const count of [16, 20, 50, 100, 500]) {
  add(
    'aliases',
    `${count} aliases`,
    query(`{ ${Array.from({ length: count }, (_, i) => `a${i}: serviceFields { code }`).join(' ')} }`),
  );
}
// Answered by the gateway alone (armor does not count `__typename`): no subgraph is asked.
add(
  'aliases',
  'aliases of __typename',
  query(`{ ${Array.from({ length: 100 }, (_, i) => `t${i}: __typename`).join(' ')} }`),
  'answered',
);

// Fragments.
add(
  'fragments',
  'a fragment cycle',
  query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
);
add(
  'fragments',
  'a fragment spreading itself',
  query('{ ...A } fragment A on Query { serviceFields { code } ...A }'),
);
add('fragments', 'an unknown fragment', query('{ ...Nope }'));
add('fragments', 'a fragment on an unknown type', query('{ ...A } fragment A on Nope { x }'));
add('fragments', 'an unused fragment', query('{ __typename } fragment A on Query { __typename }'));
add(
  'fragments',
  'a fan-out of fragments (a billion laughs)',
  query(
    `{ ...F0 } ${Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ${i < 9 ? `a: __typename ...F${i + 1} b: serviceFields { code } ...F${i + 1}` : 'services(first: 100) { nodes { code } }'} }`).join(' ')}`,
  ),
);

// Directives.
add(
  'directives',
  '51 directives on a field',
  query(`{ services ${'@include(if: true) '.repeat(51)} { totalCount } }`),
);
add(
  'directives',
  '100 spreads with a directive',
  query(
    `{ ${Array.from({ length: 100 }, () => '...F @include(if: true)').join(' ')} } fragment F on Query { services { totalCount } }`,
  ),
);
add(
  'directives',
  '30 spreads of a fragment with 2 directives',
  query(
    `{ ${'...F '.repeat(30)} } fragment F on Query { services @include(if: true) @skip(if: false) { totalCount } }`,
  ),
);
add('directives', 'an unknown directive', query('{ services @nope { totalCount } }'));
add(
  'directives',
  'a directive in the wrong place',
  query('query @include(if: true) { services { totalCount } }'),
);
add(
  'directives',
  'directives with variables ×60',
  query(`query($t: Boolean!) { services ${'@include(if: $t) '.repeat(60)} { totalCount } }`, { t: true }),
);

// Tokens.
add('tokens', '2,001 tokens', query(`{ services { nodes { ${'code '.repeat(2_001)} } } }`));
add('tokens', 'a very long field list', query(`{ ${'__typename '.repeat(5_000)} }`));

// Batching and operations.
for (const size of [2, 10, 100]) {
  add('batching', `a batch of ${size}`, () =>
    post(Array.from({ length: size }, () => ({ query: '{ __typename }' }))),
  );
}
add(
  'operations',
  'two operations without operationName',
  query('query A { serviceFields { code } } query B { serviceFields { code } }'),
);
add(
  'operations',
  'an unknown operationName',
  query('query A { serviceFields { code } }', undefined, { operationName: 'Nope' }),
);
add('operations', 'a subscription', query('subscription { serviceFields { code } }'));
add(
  'operations',
  'an operationName that is not a string',
  query('{ __typename }', undefined, { operationName: ['x'] }),
);
add('operations', 'a query that is not a string', () => post({ query: { a: 1 } }));
add('operations', 'no query', () => post({}));
add('operations', 'an empty query', query(''));
add('operations', 'a syntax error', query('{ services { '));
add('operations', 'an unknown field', query('{ colour }'));
add('operations', 'a mutation the graph lacks', query('mutation { nothingHere }'));
add(
  'operations',
  'an anonymous mutation needing rights',
  query('mutation { publishArticle(id: "00000000-0000-4000-8000-000000000000") { id } }'),
  'answered',
  false,
);

// Huge variables.
add(
  'variables',
  'a 900 KB word',
  query('query($s: String) { services(search: $s) { totalCount } }', { s: 'x'.repeat(900_000) }),
);
add(
  'variables',
  'a 100,000-word search',
  query('query($s: String) { services(search: $s) { totalCount } }', {
    s: Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(' '),
  }),
);
add(
  'variables',
  'an array of 100,000 levels',
  query('query($l: [OnlineLevel!]) { services(filter: { onlineLevels: $l }) { totalCount } }', {
    l: Array.from({ length: 100_000 }, () => 'FULL'),
  }),
  'answered',
  false,
);
add('variables', 'a variable nested 1,000 deep', () =>
  send(
    `{"query":"query($f: ServiceFilter) { services(filter: $f) { totalCount } }","variables":{"f":${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}}}`,
  ),
);
add(
  'variables',
  'an object of 50,000 keys',
  query('query($f: ServiceFilter) { services(filter: $f) { totalCount } }', {
    f: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])),
  }),
);
add('variables', 'variables that are a list', query('{ __typename }', [1, 2, 3]));
add('variables', 'variables that are a string', query('{ __typename }', 'x'));
add(
  'variables',
  'a variable of the wrong type',
  query('query($n: Int) { services(first: $n) { totalCount } }', { n: 'ten' }),
);
add(
  'variables',
  'an Int beyond 32 bits',
  query('query($n: Int) { services(first: $n) { totalCount } }', { n: 2 ** 40 }),
);
add(
  'variables',
  'a float for an Int',
  query('query($n: Int) { services(first: $n) { totalCount } }', { n: 1.5 }),
);

// Page sizes on every paged field of Query.
for (const first of [101, 1_000, -1, 2_147_483_647]) {
  add('pages', `services(first: ${first})`, query(`{ services(first: ${first}) { totalCount } }`));
  add('pages', `agencies(first: ${first})`, query(`{ agencies(first: ${first}) { totalCount } }`));
  add(
    'pages',
    `administrativeUnits(first: ${first})`,
    query(`{ administrativeUnits(first: ${first}) { totalCount } }`),
  );
  add('pages', `articles(first: ${first})`, query(`{ articles(first: ${first}) { totalCount } }`));
  add('pages', `campaigns(first: ${first})`, query(`{ campaigns(first: ${first}) { totalCount } }`));
}
add(
  'pages',
  'a nested page above the maximum',
  query('{ administrativeUnit(code: "01") { children(first: 101) { totalCount } } }'),
);

// Searches beyond their bounds, on every search.
for (const [field, selection] of [
  ['services', 'totalCount'],
  ['agencies', 'totalCount'],
  ['administrativeUnits', 'totalCount'],
  ['articles', 'totalCount'],
  ['serviceFacets', '__typename'],
] as const) {
  add(
    'search',
    `${field}: 201 characters`,
    query(`query($s: String) { ${field}(search: $s) { ${selection} } }`, { s: 'a'.repeat(201) }),
  );
  add(
    'search',
    `${field}: 13 words`,
    query(`query($s: String) { ${field}(search: $s) { ${selection} } }`, {
      s: 'dang ky khai sinh '.repeat(4).trim(),
    }),
  );
  add(
    'search',
    `${field}: a word of 51 letters`,
    query(`query($s: String) { ${field}(search: $s) { ${selection} } }`, { s: 'a'.repeat(51) }),
  );
}

// Forged cursors (the 17 shapes of the hostile test, and a few more), on every list with `after`.
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const FORGED = [
  'not-a-cursor',
  '!!!',
  b64('hello'),
  b64('{"a":1}'),
  b64('42'),
  b64('[]'),
  b64('[1,2,3,4]'),
  b64('["nan","nan"]'),
  b64('[NaN]'),
  b64('[1e999, 1]'),
  b64('[null]'),
  b64('[["x"],"y"]'),
  b64('[{"a":1},"b"]'),
  b64(`["${'x'.repeat(300)}","y"]`),
  b64('["1; drop table x --","y"]'),
  b64('["\\u0000","y"]'),
  b64('[true,false]'),
  'A'.repeat(5_000),
  // Shaped like a cursor, wrong for the list: refused by the subgraph, which knows its sort key.
  // (Texts where a list sorts by text, e.g. ["nan","nan"] for services, are a position like any other: answered.)
  b64('["yesterday","not-a-uuid"]'),
  b64('[1]'),
  b64('[1.5, 2.5]'),
];
for (const [index, cursor] of FORGED.entries()) {
  for (const list of ['services', 'articles', 'campaigns', 'agencies']) {
    add(
      'cursors',
      `${list} with forged cursor #${index + 1}`,
      query(`query($a: String) { ${list}(after: $a) { totalCount } }`, { a: cursor }),
      'coded',
      false,
    );
  }
}

// Oversize and malformed bodies.
add('bodies', 'a body of 1.1 MB', () =>
  send(JSON.stringify({ query: '{ __typename }', variables: { s: 'x'.repeat(1_100_000) } })),
);
add('bodies', 'a body of 5 MB', () =>
  send(JSON.stringify({ query: '{ __typename }', variables: { s: 'x'.repeat(5_000_000) } })),
);
add('bodies', 'malformed JSON', () => send('{"query": '));
add('bodies', 'a JSON string', () => send('"{ __typename }"'));
add('bodies', 'a JSON number', () => send('42'));
add('bodies', 'text/plain', () => send('{ __typename }', { 'content-type': 'text/plain' }), 'refused');
add('bodies', 'a content-length that lies', () =>
  raw(
    (s) =>
      s.write(
        `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{"query":"{ __typename }"}`,
      ),
    3_000,
  ),
);
add('bodies', 'not HTTP at all', () => raw((s) => s.write('HELLO\r\n\r\n'), 3_000));
add('bodies', 'headers of 100 KB', () =>
  raw(
    (s) =>
      s.write(
        `GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(100_000)}\r\n\r\n`,
      ),
    3_000,
  ),
);

// NUL bytes and invalid UTF-8.
add(
  'encoding',
  'invalid UTF-8 in a string',
  () =>
    send(
      Buffer.concat([
        Buffer.from('{"query":"{ services(search: \\"ha'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('\\") { totalCount } }"}'),
      ]),
    ),
  'answered',
  false,
);
add('encoding', 'invalid UTF-8 outside a string', () =>
  send(
    Buffer.concat([
      Buffer.from('{"query":"{ serv'),
      Buffer.from([0xff]),
      Buffer.from('ices { totalCount } }"}'),
    ]),
  ),
);
add(
  'encoding',
  'a lone surrogate in a variable',
  query('query($s: String) { services(search: $s) { totalCount } }', { s: 'a\ud800' }),
);
add(
  'encoding',
  'a NUL in the operation name',
  query('query A { __typename }', undefined, { operationName: 'A\u0000' }),
);
add('encoding', 'a NUL in a variable name', () =>
  send('{"query":"{ __typename }","variables":{"a\\u0000":"x"}}'),
);
add('encoding', 'UTF-16 instead of UTF-8', () =>
  send(Buffer.from(JSON.stringify({ query: '{ __typename }' }), 'utf16le')),
);

// Slow clients and connection floods.
add('slow', 'a body trickled a byte at a time', () =>
  raw((socket) => {
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n',
    );
    const trickle = setInterval(() => (socket.writable ? socket.write('a') : clearInterval(trickle)), 300);
    socket.once('close', () => clearInterval(trickle));
  }, 10_000),
);
add('slow', 'headers that never end', () =>
  raw((socket) => {
    socket.write('POST /graphql HTTP/1.1\r\nhost: x\r\n');
    const trickle = setInterval(
      () => (socket.writable ? socket.write('x-a: b\r\n') : clearInterval(trickle)),
      300,
    );
    socket.once('close', () => clearInterval(trickle));
  }, 10_000),
);
add('slow', 'more connections than one address may hold', async () => {
  const url = new URL(graph.hub.url);
  const sockets = await Promise.all(
    Array.from(
      { length: 32 },
      () =>
        new Promise<import('node:net').Socket>((resolve) => {
          const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
          socket.on('error', () => undefined);
        }),
    ),
  );
  try {
    return await raw((socket) => socket.write('GET /health/live HTTP/1.1\r\nhost: x\r\n\r\n'), 3_000);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});

// Injection strings and NUL bytes in every String and ID argument of every field of Query.
const INJECTIONS = [
  "' or 1=1 --",
  '"; drop table services.public_service; --',
  "1.001193' union select null, version() --",
  '\\m.*\\M(((a+)+)+)$',
  '%_%\\',
  // A template injection, written in two parts so that it is not a template here.
  ['{{7*7}}$', '{7*7}<script>alert(1)</script>'].join(''),
  '$$; select pg_sleep(10); $$',
  'nan',
  '../../etc/passwd',
];

function sample(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isScalarType(named)) {
    return (
      (
        {
          Int: 1,
          Float: 1,
          Boolean: true,
          Month: '2025-07',
          Date: '2025-07-01',
          DateTime: '2025-07-01T00:00:00Z',
        } as Record<string, unknown>
      )[named.name] ?? 'x'
    );
  }
  return undefined;
}

/** Every field of Query, with its arguments, whose required arguments can be filled with samples. */
function probes(): { field: GraphQLField<unknown, unknown>; target: GraphQLArgument }[] {
  const found: { field: GraphQLField<unknown, unknown>; target: GraphQLArgument }[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    if (field.name.startsWith('_')) continue;
    const fillable = field.args.every((arg) => !isNonNullType(arg.type) || sample(arg.type) !== undefined);
    if (!fillable) continue;
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && (named.name === 'String' || named.name === 'ID'))
        found.push({ field, target: arg });
    }
  }
  return found;
}

function argumentCase(field: GraphQLField<unknown, unknown>, target: GraphQLArgument, value: string) {
  const others = field.args.filter((arg) => arg !== target && isNonNullType(arg.type));
  const variables: Record<string, unknown> = { v: value };
  const declared = [`$v: ${target.type.toString()}`];
  const passed = [`${target.name}: $v`];
  for (const arg of others) {
    variables[arg.name] = sample(arg.type);
    declared.push(`$${arg.name}: ${arg.type.toString()}`);
    passed.push(`${arg.name}: $${arg.name}`);
  }
  const returned = getNamedType(field.type);
  const selection = isLeafType(returned) || isInputObjectType(returned) ? '' : '{ __typename }';
  return query(
    `query(${declared.join(', ')}) { ${field.name}(${passed.join(', ')}) ${selection} }`,
    variables,
  );
}

describe('the hostile corpus', () => {
  it('is refused with a 4xx and a code where a limit applies, before any subgraph, and never answered with a 5xx', async () => {
    for (const { field, target } of probes()) {
      for (const value of INJECTIONS) {
        add(
          'injection',
          `${field.name}(${target.name}: ${JSON.stringify(value)})`,
          argumentCase(field, target, value),
          'answered',
          false,
        );
      }
      add('encoding', `a NUL byte in ${field.name}(${target.name})`, argumentCase(field, target, `a\u0000b`));
    }
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const clientCodes = new Set<string>([
      ...ERROR_CODES,
      'GRAPHQL_PARSE_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
      'BAD_REQUEST',
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    const failures: string[] = [];
    const tally: Record<
      string,
      { tried: number; refused: number; refusedBySubgraph: number; answered: number }
    > = {};
    for (const probe of cases) {
      // Counted where a limit applies (no subgraph may be called) and for the cursors only a subgraph can judge.
      const counted = probe.limit || probe.expect === 'coded';
      const before = counted ? await subgraphCalls() : 0;
      let answer: Answer;
      try {
        answer = await probe.run();
      } catch (error) {
        // A request with no answer (a timeout): a failure of this case, named, not of the whole run.
        failures.push(`${probe.group} / ${probe.name}: ${(error as Error).name} ${(error as Error).message}`);
        continue;
      }
      const after = counted ? await subgraphCalls() : 0;
      const errors = (answer.body as { errors?: { extensions?: { code?: string } }[] } | null)?.errors ?? [];
      const codes = errors.map((error) => error.extensions?.code ?? '(none)');
      const refused =
        answer.status >= 400 &&
        answer.status < 500 &&
        codes.length > 0 &&
        codes.every((code) => clientCodes.has(code));
      const group = tally[probe.group] ?? { tried: 0, refused: 0, refusedBySubgraph: 0, answered: 0 };
      tally[probe.group] = group;
      group.tried += 1;
      if (refused) group.refused += 1;
      if (refused && after !== before) group.refusedBySubgraph += 1;
      if (
        !refused &&
        answer.status > 0 &&
        answer.status < 500 &&
        codes.every((code) => clientCodes.has(code))
      )
        group.answered += 1;
      const problems = [
        answer.status >= 500 || answer.status === 0 ? `status ${answer.status}` : '',
        probe.expect === 'refused' && !refused ? `not refused (${answer.status} ${codes.join(',')})` : '',
        probe.expect === 'coded' && codes.length > 0 && !refused
          ? `not refused (${answer.status} ${codes.join(',')})`
          : '',
        answer.status === 200 && codes.includes('BAD_USER_INPUT') ? 'a refusal answered as a 200' : '',
        codes.some((code) => !clientCodes.has(code)) ? `codes ${codes.join(',')}` : '',
        probe.limit && after !== before ? `${after - before} subgraph calls` : '',
        /stacktrace|\bat .*\.ts:\d+|select .* from|syntax error at or near/i.test(answer.text)
          ? 'leaks SQL or a stack'
          : '',
      ].filter(Boolean);
      if (problems.length) failures.push(`${probe.group} / ${probe.name}: ${problems.join('; ')}`);
    }
    const total = Object.values(tally).reduce(
      (sum, group) => ({
        tried: sum.tried + group.tried,
        refused: sum.refused + group.refused,
        refusedBySubgraph: sum.refusedBySubgraph + group.refusedBySubgraph,
        answered: sum.answered + group.answered,
      }),
      { tried: 0, refused: 0, refusedBySubgraph: 0, answered: 0 },
    );
    console.log(`hostile corpus: ${JSON.stringify({ total, byGroup: tally }, null, 1)}`);
    expect(failures).toEqual([]);
    // The graph still serves a client normally after all of it.
    expect((await post({ query: '{ services(first: 1) { totalCount } }' })).status).toBe(200);
  }, 300_000);
});
