import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// What one request may cost PostgreSQL (issue 12): every statement is bounded by PostgreSQL's statement_timeout
// (shorter than the gateway's wait), a statement whose caller gave up is cancelled, and a lost database is
// UNAVAILABLE naming the part, with readiness saying so.
let graph: TestHub;
let admin: pg.Client;
let database: string;

beforeAll(async () => {
  graph = await startTestHub({ env: { SUBGRAPH_TIMEOUT_MS: '6000', STATEMENT_TIMEOUT_MS: '1500' } });
  // On the server's own database: the test below cuts every connection to the hub's.
  admin = new pg.Client({ connectionString: new URL('/postgres', graph.databaseUrl).toString() });
  await admin.connect();
  database = new URL(graph.databaseUrl).pathname.slice(1);
});

afterAll(async () => {
  await admin?.end().catch(() => undefined);
  await graph?.stop();
});

const CATALOG = '{ services(first: 5) { totalCount nodes { code } } }';

async function post(query: string, signal?: AbortSignal) {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal,
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

/** Statements of the hub's services subgraph waiting in the database right now (not this test's own). */
async function catalogStatements(): Promise<number> {
  const { rows } = await admin.query<{ count: number }>(
    `select count(*)::int as count from pg_stat_activity
     where datname = $1 and state = 'active' and query ilike '%public_service%'`,
    [database],
  );
  return rows[0]?.count ?? 0;
}

const until = async (condition: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
};

/** Holds the catalog's table locked, so that any statement reading it waits, until `release()`. */
async function lockCatalog() {
  const locker = new pg.Client({ connectionString: graph.databaseUrl });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table services.public_service in access exclusive mode');
  return {
    release: async () => {
      await locker.query('rollback');
      await locker.end();
    },
  };
}

describe('statement timeout', () => {
  it('ends a statement in PostgreSQL before the gateway gives up, answered as UNAVAILABLE naming the part', async () => {
    const lock = await lockCatalog();
    try {
      const answer = await post(CATALOG);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAVAILABLE',
        serviceName: 'services',
      });
      expect(answer.body.errors?.[0]?.message).toMatch(/services subgraph's database did not answer in time/);
      expect(await catalogStatements()).toBe(0);
    } finally {
      await lock.release();
    }
  });
});

describe('a client that gives up', () => {
  it('has its statement cancelled: PostgreSQL no longer runs it', async () => {
    const lock = await lockCatalog();
    try {
      const client = new AbortController();
      const asked = post(CATALOG, client.signal).catch(() => 'aborted');
      expect(await until(async () => (await catalogStatements()) > 0, 3_000)).toBe(true);
      client.abort();
      expect(await asked).toBe('aborted');
      // Well before the statement timeout (1.5 s after it started) would have ended it.
      expect(await until(async () => (await catalogStatements()) === 0, 1_000)).toBe(true);
    } finally {
      await lock.release();
    }
    // And the hub serves the next request normally.
    expect((await post(CATALOG)).body.errors).toBeUndefined();
  });
});

describe('a lost database', () => {
  it('makes readiness 503 naming the parts, and queries UNAVAILABLE naming the part; both recover', async () => {
    const server = admin;
    try {
      // As if the server were gone for this hub: no new connection, and every open one cut.
      await server.query(`alter database "${database}" with allow_connections false`);
      await server.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      const ready = await fetch(`${graph.hub.gatewayOrigin}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'unavailable',
        subgraphs: { services: 'down', statistics: 'down', news: 'down', access: 'down' },
      });
      const answer = await post(CATALOG);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAVAILABLE',
        serviceName: 'services',
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/INTERNAL_SERVER_ERROR/);
    } finally {
      await server.query(`alter database "${database}" with allow_connections true`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await fetch(`${graph.hub.gatewayOrigin}/health/ready`)).status).toBe(200);
    expect((await post(CATALOG)).body.errors).toBeUndefined();
  });
});
