import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGatewayApp, type GatewayApp } from '@motcua/gateway';
import { IDENTITY_HEADER } from '@motcua/identity';
import { listen } from '@motcua/lifecycle';
import { testConfig } from '@motcua/testkit';
import express from 'express';
import { GraphQLClient, gql } from 'graphql-request';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// A second gateway in front of the test hub's subgraphs, whose way to the statistics subgraph passes through a
// switch: forward, refuse connections, or answer too late.
let graph: TestHub;
let mode: 'forward' | 'down' | 'slow' = 'forward';
let relay: Server;
let app: express.Express;

const listenRelay = async (port: number) => (await listen(app, { port })).server;
let gateway: GatewayApp;
let gatewayServer: Server;
let client: GraphQLClient;

// Generous enough for a loaded CI machine to answer normally, short enough to keep the test quick.
const TIMEOUT_MS = 1_500;

beforeAll(async () => {
  graph = await startTestHub();
  app = express();
  app.use(express.json());
  app.post('/statistics/graphql', async (req, res) => {
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (mode === 'slow') {
      // Held past the gateway's timeout, or until the client gives up: no timer outlives the tests.
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, TIMEOUT_MS * 3);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      if (res.destroyed) return;
    }
    const upstream = await fetch(graph.hub.subgraphUrls.statistics, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: req.get(IDENTITY_HEADER) ?? '' },
      body: JSON.stringify(req.body),
    });
    res
      .status(upstream.status)
      .type('application/json')
      .send(await upstream.text());
  });
  relay = await listenRelay(0);
  const statistics = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/statistics/graphql`;
  gateway = await createGatewayApp(testConfig({ SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) }), {
    subgraphUrls: { ...graph.hub.subgraphUrls, statistics },
  });
  gatewayServer = (await listen(gateway.app)).server;
  client = new GraphQLClient(`http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/graphql`, {
    errorPolicy: 'all',
  });
});

afterAll(async () => {
  await gateway?.stop();
  gatewayServer?.close();
  relay?.close();
  await graph?.stop();
});

const PAGE = gql`{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } articles { totalCount } } }`;

type Page = {
  service: { name: string; usage: { received: number } | null; articles: { totalCount: number } | null };
};

describe('when a subgraph fails', () => {
  it.each([
    ['is down', 'down', 'it could not be reached'],
    ['answers too late', 'slow', 'it did not answer in time'],
  ] as const)('answers the rest when statistics %s, naming the missing part', async (_, failure, reason) => {
    mode = failure;
    const { data, errors } = await client.rawRequest<Page>(PAGE);
    expect(data.service.name).toBe('Thủ tục đăng ký khai sinh');
    expect(data.service.articles?.totalCount).toBe(4);
    expect(data.service.usage).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.message).toBe(
      `The statistics subgraph is unavailable (${reason}); the rest of the answer is given without it`,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'statistics' });
  });

  it('answers the rest while the statistics server is stopped, and recovers when it is started again', async () => {
    mode = 'forward';
    const port = (relay.address() as AddressInfo).port;
    relay.closeAllConnections();
    await new Promise((resolve) => relay.close(resolve));
    const stopped = await client.rawRequest<Page>(PAGE);
    expect(stopped.data.service.name).toBe('Thủ tục đăng ký khai sinh');
    expect(stopped.data.service.usage).toBeNull();
    expect(stopped.errors?.[0]?.message).toMatch(
      /statistics subgraph is unavailable \(it could not be reached\)/,
    );
    relay = await listenRelay(port);
    const { data, errors } = await client.rawRequest<Page>(PAGE);
    expect(errors).toBeUndefined();
    expect(data.service.usage?.received).toBeGreaterThan(0);
  });

  it('recovers by itself when the subgraph is back', async () => {
    mode = 'down';
    expect((await client.rawRequest<Page>(PAGE)).data.service.usage).toBeNull();
    mode = 'forward';
    const { data, errors } = await client.rawRequest<Page>(PAGE);
    expect(errors).toBeUndefined();
    expect(data.service.usage?.received).toBeGreaterThan(0);
  });
});

describe('what operators see', () => {
  const gatewayUrl = () => `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}`;

  it('gives every request an id, echoing a sane one the client sent', async () => {
    mode = 'forward';
    const post = (headers: Record<string, string>) =>
      fetch(`${gatewayUrl()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ serviceFields { code } }' }),
      });
    expect((await post({ 'x-request-id': 'portal-42' })).headers.get('x-request-id')).toBe('portal-42');
    expect((await post({ 'x-request-id': 'not a sane id!' })).headers.get('x-request-id')).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it('counts requests by operation and outcome, and times each subgraph, for Prometheus', async () => {
    mode = 'forward';
    await client.rawRequest(
      gql`query ServicePage { service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } } }`,
    );
    mode = 'down';
    await client.rawRequest(
      gql`query ServicePage { service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } } }`,
    );
    const metrics = await (await fetch(`${gatewayUrl()}/metrics`)).text();
    expect(metrics).toMatch(/motcua_graphql_requests_total\{operation="ServicePage",outcome="ok"\} 1/);
    expect(metrics).toMatch(/motcua_graphql_requests_total\{operation="ServicePage",outcome="error"\} 1/);
    expect(metrics).toMatch(
      /motcua_subgraph_request_duration_seconds_count\{subgraph="statistics",outcome="error"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /motcua_subgraph_request_duration_seconds_count\{subgraph="services",outcome="ok"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /motcua_graphql_request_duration_seconds_bucket\{le="[\d.]+",operation="ServicePage"\}/,
    );
  });

  it('keeps odd operation names from making series of their own', async () => {
    const odd = `Q${'x'.repeat(150)}`;
    await client.rawRequest(`query ${odd} { serviceFields { code } }`);
    const metrics = await (await fetch(`${gatewayUrl()}/metrics`)).text();
    expect(metrics).not.toContain(odd);
    expect(metrics).toMatch(/motcua_graphql_requests_total\{operation="other",outcome="ok"\} 1/);
  });
});
