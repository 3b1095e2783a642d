import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@motcua/config';
import express from 'express';
import { createGatewayApp, type GatewayApp, localSubgraphUrls } from '../src/index.ts';
import { QUERY_LIMITS } from '../src/limits.ts';

// The gateway in front of a stand-in for all three subgraphs that counts the calls it receives: an abusive query
// must be refused before any of them is called.
let calls = 0;
let subgraphs: Server;
let gateway: GatewayApp;
let gatewayServer: Server;
let url: string;

beforeAll(async () => {
  const stub = express();
  stub.use(express.json());
  stub.post('/:name/graphql', (_req, res) => {
    calls += 1;
    res.json({ data: { services: { totalCount: 0, nodes: [] } } });
  });
  subgraphs = await new Promise<Server>((resolve) => {
    const server = stub.listen(0, '127.0.0.1', () => resolve(server));
  });
  gateway = await createGatewayApp(
    localSubgraphUrls(`http://127.0.0.1:${(subgraphs.address() as AddressInfo).port}`),
    loadConfig({}),
  );
  gatewayServer = await new Promise<Server>((resolve) => {
    const server = gateway.app.listen(0, '127.0.0.1', () => resolve(server));
  });
  url = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await gateway.stop();
  gatewayServer.close();
  subgraphs.close();
});

async function post(query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] },
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
    calls = 0;
    const { status, body } = await post(query);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.extensions?.code).toMatch(
      /GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_USER_INPUT/,
    );
    expect(calls).toBe(0);
  });

  it('lets an ordinary portal query through', async () => {
    calls = 0;
    const { status } = await post('{ services(first: 20) { totalCount nodes { code } } }');
    expect(status).toBe(200);
    expect(calls).toBe(1);
  });
});
