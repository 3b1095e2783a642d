// The PostgreSQL server the benchmark runs on (BENCH_DATABASE_URL, default the machine's), and the databases it
// makes there: every one is named motcua_bench_*, so a glance at the server tells whose they are.
import pg from 'pg';

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const PREFIX = 'motcua_bench_';

/** The URL of a database on the benchmark's server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const identifier = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name ${name}`);
  return `"${name}"`;
};

/** One connection to the server's maintenance database, for creating, cloning and dropping databases. */
export async function connectServer(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  return client;
}

export async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return rowCount === 1;
}

export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  // WITH (FORCE) ends sessions a crashed run may have left behind.
  await admin.query(`drop database if exists ${identifier(name)} with (force)`);
}

export async function createDatabase(admin: pg.Client, name: string, template?: string): Promise<void> {
  // FILE_COPY copies the template's files after a checkpoint: for a database of gigabytes it is several times
  // faster than PostgreSQL 15's default (WAL_LOG), which writes every block through the WAL.
  await admin.query(
    template
      ? `create database ${identifier(name)} template ${identifier(template)} strategy file_copy`
      : `create database ${identifier(name)}`,
  );
}

export async function renameDatabase(admin: pg.Client, from: string, to: string): Promise<void> {
  await admin.query(`alter database ${identifier(from)} rename to ${identifier(to)}`);
}

export async function listDatabases(admin: pg.Client, prefix: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    'select datname from pg_database where datname like $1 order by datname',
    [`${prefix.replaceAll('_', '\\_')}%`],
  );
  return rows.map((row) => row.datname);
}

/** Runs `work` on a fresh connection to one database, then closes it. */
export async function withDatabase<T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
