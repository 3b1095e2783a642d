import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, localSubgraphUrls } from '@motcua/config';
import { listen } from '@motcua/lifecycle';
import express from 'express';
import { createGatewayApp, type GatewayApp } from '../src/index.ts';

// Two gateways, as configured for development and for production, in front of a stand-in subgraph server.
const PORTAL = 'https://portal.example.vn';
let calls = 0;
const servers: Server[] = [];
const gateways: GatewayApp[] = [];
let development: string;
let production: string;

async function listenAt(app: express.Express): Promise<string> {
  const listening = await listen(app);
  servers.push(listening.server);
  return listening.origin;
}

const METRICS_TOKEN = 'scraper-token-of-at-least-32-characters';

beforeAll(async () => {
  const stub = express();
  stub.use(express.json());
  stub.post('/:name/graphql', (_req, res) => {
    calls += 1;
    res.json({ data: { serviceFields: [] } });
  });
  const urls = localSubgraphUrls(await listenAt(stub));
  for (const [introspection, assign] of [
    [true, (url: string) => (development = `${url}/graphql`)],
    [false, (url: string) => (production = `${url}/graphql`)],
  ] as const) {
    const config = loadConfig({
      GRAPHQL_INTROSPECTION: String(introspection),
      CORS_ORIGINS: PORTAL,
      // Production's gateway is the public door: its metrics are for the scraper that holds the token.
      METRICS_TOKEN: introspection ? undefined : METRICS_TOKEN,
    });
    const gateway = await createGatewayApp(config, { subgraphUrls: urls });
    gateways.push(gateway);
    assign(await listenAt(gateway.app));
  }
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  for (const server of servers) server.close();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('HTTP policies of the gateway', () => {
  it('answers a body that is not JSON with a GraphQL-shaped error and a request id, never a stack trace', async () => {
    for (const url of [development, production]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ serviceFields { code } }"',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({
        errors: [
          {
            message: 'The request body is not valid JSON',
            extensions: { code: 'BAD_REQUEST', requestId: response.headers.get('x-request-id') },
          },
        ],
      });
      expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('answers an unknown path with a GraphQL-shaped 404, and does not advertise its framework', async () => {
    const response = await fetch(development.replace(/graphql$/, 'wp-admin'));
    expect(response.status).toBe(404);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('suggests field names in development only', async () => {
    const misspelt = { query: '{ serviceFeilds { code } }' };
    const suggestion = async (url: string) =>
      ((await (await post(url, misspelt)).json()) as { errors: { message: string }[] }).errors[0]?.message;
    expect(await suggestion(development)).toMatch(/Did you mean "serviceFields"/);
    const refused = await suggestion(production);
    expect(refused).toMatch(/Cannot query field "serviceFeilds"/);
    expect(refused).not.toMatch(/Did you mean|serviceFields/);
  });

  it('serves metrics only to the scraper holding the token, when one is configured', async () => {
    const metrics = (url: string, token?: string) =>
      fetch(url.replace(/graphql$/, 'metrics'), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await metrics(production)).status).toBe(401);
    expect((await metrics(production, 'guessed')).status).toBe(401);
    const scraped = await metrics(production, METRICS_TOKEN);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('motcua_graphql_requests_total');
    expect((await metrics(development)).status).toBe(200);
  });

  it('answers browsers of the configured origins only (CORS)', async () => {
    const preflight = (origin: string) =>
      fetch(development, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight(PORTAL)).headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a GET a browser could send cross-site without a preflight (CSRF prevention)', async () => {
    calls = 0;
    const response = await fetch(`${development}?query=${encodeURIComponent('{ serviceFields { code } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(calls).toBe(0);
  });

  it('turns introspection off in production', async () => {
    const introspect = { query: '{ __schema { queryType { name } } }' };
    const off = (await (await post(production, introspect)).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(off.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const on = (await (await post(development, introspect)).json()) as { data: unknown };
    expect(on.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves automatic persisted queries: a hash alone once the query is known', async () => {
    const query = '{ serviceFields { code } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = (await (await post(development, { extensions: { persistedQuery } })).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(unknown.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(development, { query, extensions: { persistedQuery } })).status).toBe(200);
    const known = (await (await post(development, { extensions: { persistedQuery } })).json()) as {
      data: unknown;
    };
    expect(known.data).toEqual({ serviceFields: [] });
    // A hash that does not match the text is the client's mistake, answered as such.
    const mismatched = await post(development, {
      query: '{ serviceFields { name } }',
      extensions: { persistedQuery },
    });
    expect(mismatched.status).toBe(400);
    expect(
      ((await mismatched.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
        .code,
    ).toBe('BAD_REQUEST');
  });
});
