import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Balancer = {
  url: string;
  port: number;
  /** How many requests each upstream was given, in the order the upstreams were named. */
  served: () => number[];
  close: () => Promise<void>;
};

/**
 * A load balancer on loopback for tests that run several instances of a part: each HTTP request (not each
 * connection, so that keep-alive does not pin a client to one instance) goes to the next upstream in turn. An
 * upstream that cannot be reached answers 502, as a real balancer would without health checks.
 */
export async function startRoundRobin(upstreams: string[], port = 0): Promise<Balancer> {
  const targets = upstreams.map((origin) => new URL(origin));
  const served = targets.map(() => 0);
  // Idle sockets to an upstream are dropped well before its own keep-alive timeout (65 s) closes them: a request
  // sent on a socket the upstream is closing would be lost.
  const agent = new http.Agent({ keepAlive: true, timeout: 30_000 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    const target = targets[index] as URL;
    served[index] = (served[index] ?? 0) + 1;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream unreachable');
    });
    req.pipe(upstream);
  });
  // Longer than its clients keep an idle connection (Node's fetch: 4 s): a client must never reuse a connection
  // the balancer is closing (Node's server closes them after 5 s by default).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    served: () => [...served],
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
