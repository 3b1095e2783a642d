// Drives load: autocannon (programmatic API) for every HTTP system, and a closed loop of `pg` clients at the same
// concurrency for the naive SQL. Both record the latency of every answer and count only clean answers (HTTP 200
// without GraphQL errors) as throughput, so a system cannot look fast by failing fast. A request still in flight
// when the round ends is dropped, but not forgotten: it counts in the percentiles as "at least" the time it had
// waited (censored), so a system slower than the round shows p50 ≥ the round rather than nothing.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Scenario, Variables } from './scenarios.ts';

export type RoundOptions = { connections: number; seconds: number; timeoutSeconds: number };

export type RoundResult = {
  seconds: number;
  ok: number;
  failed: number;
  timeouts: number;
  /** Milliseconds, of every answer and of every timeout (at the timeout). */
  latencies: number[];
  /** Milliseconds that requests still in flight at the end had waited: lower bounds of their latencies. */
  censored: number[];
  /** The first failed answer, to say what went wrong. */
  firstFailure: string | null;
};

export type HttpTarget = {
  url: string;
  /** Headers for virtual client `index`'s next request (identity, API key). */
  headers: (index: number) => Record<string, string>;
};

export async function httpRound(
  target: HttpTarget,
  scenario: Scenario,
  options: RoundOptions,
): Promise<RoundResult> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  let clients = 0;
  const sentAt: (number | null)[] = [];
  const url = new URL(target.url);
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: options.timeoutSeconds,
    // autocannon notices the end of `duration` on its sampling tick (a second by default): a short round would run
    // to the next whole second.
    sampleInt: 100,
    // Each connection is one virtual client with its own sequence of requests (and, for the feed, its cursor):
    // autocannon resets a request's context after every request, so the client's state lives in this closure.
    setupClient(client) {
      const index = clients++;
      const virtual = scenario.client(index);
      let clean = false;
      sentAt[index] = null;
      client.setRequests([
        {
          method: 'POST',
          path: url.pathname,
          setupRequest: (request) => {
            sentAt[index] = performance.now();
            return {
              ...request,
              headers: { ...request.headers, 'content-type': 'application/json', ...target.headers(index) },
              body: JSON.stringify({
                query: scenario.query,
                operationName: scenario.operationName,
                variables: virtual.variables(),
              }),
            };
          },
          onResponse: (status, body) => {
            clean = status === 200 && !body.includes('"errors":');
            if (!clean) firstFailure ??= `HTTP ${status}: ${body.slice(0, 300)}`;
            virtual.onBody?.(body);
          },
        },
      ]);
      client.on('response', (_status: number, _bytes: number, responseTime: number) => {
        sentAt[index] = null;
        latencies.push(responseTime);
        if (clean) ok++;
        else failed++;
      });
    },
  });
  const ended = performance.now();
  for (let timeout = 0; timeout < result.timeouts; timeout++) latencies.push(options.timeoutSeconds * 1000);
  return {
    seconds: (ended - started) / 1000,
    ok,
    failed,
    timeouts: result.timeouts,
    latencies,
    censored: sentAt.flatMap((at) => (at === null || at === undefined ? [] : [ended - at])),
    firstFailure: firstFailure ?? (result.errors ? `${result.errors} connection errors` : null),
  };
}

/**
 * The naive baseline: `connections` PostgreSQL clients, each sending the scenario's naive SQL for its virtual
 * client's variables in a closed loop, like the HTTP clients. Connections are opened before the clock starts.
 */
export async function sqlRound(
  databaseUrl: string,
  scenario: Scenario,
  options: RoundOptions,
): Promise<RoundResult> {
  const naive = scenario.naive;
  if (!naive) throw new Error(`${scenario.id} has no naive SQL`);
  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      // The same bound as an HTTP request's timeout.
      await client.query(`set statement_timeout = ${options.timeoutSeconds * 1000}`);
      // A statement cancelled by the settling after the round ends in an error nobody waits for.
      client.on('error', () => {});
      return client;
    }),
  );
  const latencies: number[] = [];
  const censored: number[] = [];
  let ok = 0;
  let failed = 0;
  let timeouts = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  /** When each client's statement in flight was sent. */
  const sentAt: (number | null)[] = clients.map(() => null);
  const loops = clients.map(async (client, index) => {
    const virtual = scenario.client(index);
    while (performance.now() < deadline) {
      const variables: Variables = virtual.variables();
      const sent = performance.now();
      sentAt[index] = sent;
      try {
        await client.query(naive.sql, naive.params(variables));
        if (performance.now() > deadline) return;
        latencies.push(performance.now() - sent);
        ok++;
      } catch (error) {
        if (performance.now() > deadline) return;
        if (/statement timeout/.test((error as Error).message)) {
          timeouts++;
          latencies.push(options.timeoutSeconds * 1000);
        } else failed++;
        firstFailure ??= (error as Error).message;
      }
      sentAt[index] = null;
    }
  });
  // At the deadline the round is over, as for autocannon: a statement still running is counted at the time it had
  // waited, and its connection is closed without waiting for it (the settling between rounds cancels it).
  await Promise.race([
    Promise.all(loops),
    new Promise((resolve) => setTimeout(resolve, options.seconds * 1000)),
  ]);
  for (const at of sentAt) if (at !== null) censored.push(deadline - at);
  for (const client of clients) void client.end().catch(() => {});
  void Promise.allSettled(loops);
  return { seconds: options.seconds, ok, failed, timeouts, latencies, censored, firstFailure };
}

/**
 * A percentile (nearest rank) of answered and censored latencies, or null without any; `atLeast` when it falls on a
 * censored one (a request that had not been answered by the end of its round).
 */
export function percentile(
  latencies: number[],
  censored: number[],
  p: number,
): { ms: number; atLeast: boolean } | null {
  const all = [
    ...latencies.map((ms) => ({ ms, atLeast: false })),
    ...censored.map((ms) => ({ ms, atLeast: true })),
  ].sort((a, b) => a.ms - b.ms);
  if (!all.length) return null;
  return all[Math.min(all.length - 1, Math.max(0, Math.ceil((p / 100) * all.length) - 1))] ?? null;
}

/**
 * Between rounds: statements a system is still running for clients that are gone (the hub's subgraphs keep
 * working after the gateway gives up) would load the next system's round. They get a few seconds to finish, then
 * are cancelled; the count is reported, since work nobody waits for is itself a finding. Requests queued in a
 * subgraph's connection pool start their statements once others are cancelled, so the database must stay quiet
 * for a moment before the next round, up to a bound. One connection serves every round of a scenario.
 */
export async function databaseSettler(databaseUrl: string, graceMs = 500, boundMs = 5_000) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const active = async () =>
    (
      await client.query<{ pid: number; started: string }>(
        `select pid, query_start::text as started from pg_stat_activity
         where datname = current_database() and state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      )
    ).rows;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    /** Waits for quiet (bounded: a starved backend may take seconds to notice its cancel); the statements cancelled. */
    async settle(): Promise<number> {
      const bound = performance.now() + boundMs;
      const cancelled = new Set<string>();
      let graceEnds = performance.now() + graceMs;
      let quietSince: number | null = null;
      while (performance.now() < bound) {
        const running = await active();
        if (!running.length) {
          quietSince ??= performance.now();
          if (performance.now() - quietSince >= 250) break;
        } else {
          quietSince = null;
          if (performance.now() >= graceEnds) {
            await client.query('select pg_cancel_backend(pid) from unnest($1::int[]) as pid', [
              running.map((statement) => statement.pid),
            ]);
            for (const statement of running) cancelled.add(`${statement.pid} ${statement.started}`);
            graceEnds = performance.now() + 200;
          }
        }
        await pause(50);
      }
      return cancelled.size;
    },
    close: () => client.end(),
  };
}
