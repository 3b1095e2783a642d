import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * The signal of the request a statement is sent for: when the caller (the gateway, or a client of a subgraph run
 * alone) gives up, the statements it started are cancelled in PostgreSQL instead of running on for nobody.
 */
const requestSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (and everything it starts) for a request whose `signal` aborts when the caller gives up. */
export function cancelStatementsOn<T>(signal: AbortSignal, work: () => T): T {
  return requestSignal.run(signal, work);
}

type QueryResult = { then?: (done: () => void, failed: () => void) => unknown };

/**
 * A `pg` client whose statements are cancelled (`pg_cancel_backend`, from a connection of its own, so a full
 * pool cannot delay it) when the request they were sent for is aborted. The connection itself stays in the pool.
 */
export class CancellableClient extends pg.Client {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => QueryResult)(...args);
    const signal = requestSignal.getStore();
    // Streams (a `pg-cursor`) and callbacks are left alone: the hub's statements are promises.
    if (!signal || typeof result?.then !== 'function') return result as never;
    const pid = (this as unknown as { processID?: number }).processID;
    if (!pid) return result as never;
    let pending = true;
    // Checked again once the cancelling connection is open: a cancel arriving after the statement ended would hit
    // the next statement on this connection, which may be another request's.
    const cancel = () => void cancelBackend(this, pid, () => pending);
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    const settled = () => {
      pending = false;
      signal.removeEventListener('abort', cancel);
    };
    // Both ways, so that this watcher adds no rejection of its own: the caller handles the statement's failure.
    result.then(settled, settled);
    return result as never;
  }
}

async function cancelBackend(client: pg.Client, pid: number, stillPending: () => boolean): Promise<void> {
  const params = (client as unknown as { connectionParameters: pg.ClientConfig }).connectionParameters;
  const canceller = new pg.Client({
    user: params.user,
    password: params.password,
    host: params.host,
    port: params.port,
    database: params.database,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await canceller.connect();
    if (stillPending()) await canceller.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement ends by its statement_timeout anyway.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
