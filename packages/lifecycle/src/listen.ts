import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server that listens, where it can be reached, and how to close it. */
export type Listening = { server: Server; origin: string; port: number; close: () => Promise<void> };

/**
 * What one client may hold of a server (the `http` part of the configuration): a request's headers and whole body
 * must arrive within their timeouts (a body trickled in a byte at a time is cut off), an idle keep-alive connection
 * is closed after `keepAliveTimeoutMs` (longer than a proxy's, usually 60 s, so the proxy closes first and never
 * sends on a connection being closed), and one address holds at most `maxConnectionsPerIp` connections.
 */
export type HttpLimits = {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnectionsPerIp: number;
};

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  maxConnectionsPerIp: 256,
};

const TOO_MANY_CONNECTIONS = [
  'HTTP/1.1 429 Too Many Requests',
  'content-type: application/json',
  'connection: close',
  'retry-after: 1',
  '',
  JSON.stringify({
    errors: [
      {
        message: 'Too many connections from this address: reuse the ones open (keep-alive)',
        extensions: { code: 'RATE_LIMITED' },
      },
    ],
  }),
].join('\r\n');

const refusal = (status: string, code: string, message: string) => {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  return `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/**
 * A request the HTTP parser gives up on (too slow, headers too large, not HTTP) is answered like every other
 * refusal, as JSON with a code, instead of Node's bare status line.
 */
function answerClientErrors(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const answer =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? refusal(
            '408 Request Timeout',
            'BAD_REQUEST',
            'The request did not arrive in time: send it whole, at once',
          )
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? refusal('431 Request Header Fields Too Large', 'BAD_REQUEST', 'The request headers are too large')
          : refusal('400 Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP');
    socket.end(answer);
  });
}

/** Refuses a connection beyond the address's allowance with a 429 (and closes it), counting those open. */
function boundConnectionsPerIp(server: Server, max: number) {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.end(TOO_MANY_CONNECTIONS);
      socket.destroySoon?.();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * Starts an HTTP server for `handler` (an Express app or any request listener) with the hub's `limits`, and
 * resolves once it listens; port 0 lets the system pick a free one (tests, and the hub's own parts). A port that
 * cannot be had rejects.
 */
export function listen(
  handler: RequestListener,
  {
    port = 0,
    host = '127.0.0.1',
    limits = DEFAULT_HTTP_LIMITS,
  }: { port?: number; host?: string; limits?: HttpLimits } = {},
): Promise<Listening> {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often the two timeouts above are checked: Node's default (30 s) would let a slow client stay that
      // much longer.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    handler,
  );
  boundConnectionsPerIp(server, limits.maxConnectionsPerIp);
  answerClientErrors(server);
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
