import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '@motcua/lifecycle';
import express from 'express';

export type Relay = {
  url: string;
  /** The headers of every request relayed so far. */
  seen: IncomingHttpHeaders[];
  stop: () => Promise<void>;
};

// Set by each hop itself, never forwarded.
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * A relay in front of one subgraph's GraphQL endpoint: forwards each request as it came (every header, the exact
 * body) and the answer as it went, keeping the headers it saw, so a test sees what the gateway sends.
 */
export async function startRelay(target: string): Promise<Relay> {
  const seen: IncomingHttpHeaders[] = [];
  const app = express();
  app.post('/graphql', express.raw({ type: () => true }), async (req, res) => {
    seen.push(req.headers);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers.set(name, String(value));
    }
    const upstream = await fetch(target, { method: 'POST', headers, body: req.body });
    res
      .status(upstream.status)
      .type(upstream.headers.get('content-type') ?? 'application/json')
      .send(await upstream.text());
  });
  const server = (await listen(app)).server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    stop: () => {
      server.closeIdleConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
