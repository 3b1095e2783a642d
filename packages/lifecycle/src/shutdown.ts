import type { Server, ServerResponse } from 'node:http';
import { flushTracing, logger } from '@motcua/observability';

/** Closes a server gracefully; connections still busy when `deadline` aborts are cut. */
export type Drain = (deadline: AbortSignal) => Promise<void>;

/**
 * Prepares `server` to be closed without cutting off the requests in flight; call it before the server serves
 * anything, since it must see every request. Node's own `close()` lets them finish but then keeps each of their
 * connections open until keep-alive expires; here a connection is closed as soon as it has nothing in flight, and
 * its last response tells the client so (`connection: close`), so it sends nothing more there.
 */
export function drainOnClose(server: Server): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      inFlight.delete(response);
      if (draining) server.closeIdleConnections();
    });
  });
  return (deadline) => {
    draining = true;
    for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
    return new Promise((resolve) => {
      const cut = () => {
        logger.warn(
          { requests: inFlight.size },
          'shutdown: time is up, cutting the requests still in flight',
        );
        server.closeAllConnections();
      };
      deadline.addEventListener('abort', cut, { once: true });
      // Stops accepting connections at once, and closes the idle ones.
      server.close(() => {
        deadline.removeEventListener('abort', cut);
        resolve();
      });
      if (deadline.aborted) cut();
    });
  };
}

/**
 * On SIGTERM or SIGINT: runs `stop` (which finishes the requests in flight, within its bound, and closes the
 * databases), sends the last spans and exits 0. A second signal exits at once with 1, for an operator who will
 * not wait.
 */
export function exitOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'shutdown: second signal, exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutdown: refusing new connections, finishing the requests in flight');
    try {
      await stop();
      await flushTracing();
      logger.info('shutdown: stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
