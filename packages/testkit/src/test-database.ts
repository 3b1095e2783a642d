import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests run against: TEST_DATABASE_URL, or the PostgreSQL every developer and CI machine has. */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

async function admin<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A brand-new, empty database on the real PostgreSQL server, dropped (with its connections) by `drop()`. Benchmarks
 * name their own server (BENCH_DATABASE_URL) and prefix.
 */
export async function createTestDatabase({
  server = SERVER_URL,
  prefix = 'motcua_test',
}: {
  server?: string;
  prefix?: string;
} = {}): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(server, (client) => client.query(`create database "${name}"`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(server, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}

/** The median of a benchmark's samples: robust to the outliers a noisy machine produces. */
export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
