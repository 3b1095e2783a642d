import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGatewayApp, type GatewayApp } from '@motcua/gateway';
import { listen } from '@motcua/lifecycle';
import { testConfig } from '@motcua/testkit';
import { type Relay, startRelay } from './support/relay.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// A second gateway in front of the test hub's subgraphs, whose way to the services subgraph passes through a
// relay that keeps the headers the subgraph receives.
let graph: TestHub;
let relay: Relay;
let gateway: GatewayApp;
let gatewayServer: Server;

beforeAll(async () => {
  graph = await startTestHub();
  relay = await startRelay(graph.hub.subgraphUrls.services);
  gateway = await createGatewayApp(testConfig(), {
    subgraphUrls: { ...graph.hub.subgraphUrls, services: relay.url },
  });
  gatewayServer = (await listen(gateway.app)).server;
});

afterAll(async () => {
  await gateway?.stop();
  gatewayServer?.close();
  await relay?.stop();
  await graph?.stop();
});

const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';

/** Asks for a service by the gateway; returns the `traceparent` the services subgraph received. */
async function traceparentReceived(headers: Record<string, string>) {
  relay.seen.length = 0;
  const response = await fetch(`http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ service(code: "1.001193") { name } }' }),
  });
  expect(await response.json()).toMatchObject({ data: { service: { name: 'Thủ tục đăng ký khai sinh' } } });
  expect(relay.seen).toHaveLength(1);
  const [, traceId, parentId, flags] =
    /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(relay.seen[0]?.traceparent)) ?? [];
  return { traceId, parentId, flags };
}

describe('trace context from the client to the subgraphs (W3C traceparent)', () => {
  it("calls the subgraph in the client's trace, under a span of the gateway", async () => {
    const received = await traceparentReceived({
      traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-01`,
    });
    expect(received.traceId).toBe(CLIENT_TRACE_ID);
    expect(received.parentId).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
    expect(received.parentId).not.toBe(CLIENT_SPAN_ID);
    expect(received.flags).toBe('01');
  });

  it.each([
    ['sends none', {}],
    ['sends a malformed one', { traceparent: 'not-a-trace' }],
  ])(
    'starts a new trace, one per request, that reaches the subgraph, when the client %s',
    async (_, headers) => {
      const first = await traceparentReceived(headers);
      const second = await traceparentReceived(headers);
      expect(first.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(first.parentId).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
      expect(second.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(second.traceId).not.toBe(first.traceId);
    },
  );
});
