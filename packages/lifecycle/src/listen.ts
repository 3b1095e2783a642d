import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server that listens, where it can be reached, and how to close it. */
export type Listening = { server: Server; origin: string; port: number; close: () => Promise<void> };

/**
 * Starts an HTTP server for `handler` (an Express app or any request listener) and resolves once it listens;
 * port 0 lets the system pick a free one (tests, and the hub's own parts). A port that cannot be had rejects.
 */
export function listen(
  handler: RequestListener,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<Listening> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: bound,
        origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
        close: () => {
          server.closeIdleConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
