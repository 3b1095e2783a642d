import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DataloaderType,
  DefaultLogger,
  type LoggerOptions,
  type MikroORM,
  type Options,
} from '@mikro-orm/core';
import { MikroORM as PGliteORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import type { Seeder } from '@mikro-orm/seeder';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import type { DatabaseTarget } from '@motcua/config';
import { CancellableClient } from './cancellation.ts';
import { DATA_VERSION_TABLES } from './data-version.ts';
import { EXTENSIONS, embeddedDataDir } from './embedded-cluster.ts';
import type { SqlListener } from './sql-listener.ts';

export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;

const backgroundWork = new AsyncLocalStorage<true>();

/** Runs work no request asked for (a delivery worker): `onSql` listeners are not told of its SQL. */
export const inBackground = <T>(work: () => Promise<T>): Promise<T> => backgroundWork.run(true, work);

export type DatabaseOptions = {
  /** The subgraph that owns the tables; also the name of its PostgreSQL schema. */
  owner: string;
  target: DatabaseTarget;
  entities: NonNullable<Options['entities']>;
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
  /** Told of every SQL statement the ORM sends (tests count round trips with it). */
  onSql?: SqlListener;
  poolSize?: number;
  /** PostgreSQL's `statement_timeout` for every statement of the pool (a real PostgreSQL only). */
  statementTimeoutMs?: number;
};

class ReportingLogger extends DefaultLogger {
  readonly #onSql: SqlListener | undefined;
  constructor(options: LoggerOptions, onSql: SqlListener | undefined) {
    super(options);
    this.#onSql = onSql;
  }
  override logQuery(context: Parameters<DefaultLogger['logQuery']>[0]): void {
    // Background work (see `inBackground`) belongs to no request: listeners that file statements by request are
    // not told of it.
    if ((context.namespace ?? 'query') === 'query' && !backgroundWork.getStore())
      this.#onSql?.(context.query);
    super.logQuery(context);
  }
}

function commonOptions(options: DatabaseOptions) {
  return {
    entities: options.entities,
    schema: options.owner,
    // Loading references and collections is batched per tick, so N parents cost one query, not N.
    dataloader: DataloaderType.ALL,
    migrations: { migrationsList: options.migrations, snapshot: false, silent: true },
    // SQL functions are the migrations' (`search_text`, on which the search indexes depend) and the ORM is told of
    // none, so without this its schema diff, and any migration generated from it, would drop them. The tables of the
    // data versions (`dataVersionSql`) belong to no subgraph: no entity declares them.
    schemaGenerator: { ignoreRoutines: true, skipTables: [...DATA_VERSION_TABLES] },
    loggerFactory: (loggerOptions: LoggerOptions) => new ReportingLogger(loggerOptions, options.onSql),
  };
}

/**
 * Opens the subgraph's database and brings its schema up to date: a schema of its own on a real PostgreSQL
 * server, or an embedded PGlite database in `<dataDir>/<owner>` when no DATABASE_URL is configured.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const orm = (await connect(options)) as unknown as Orm;
  try {
    await ensureExtensions(orm);
    await orm.migrator.up();
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

async function connect(options: DatabaseOptions) {
  const { target } = options;
  if (target.kind === 'postgres') {
    return PostgresORM.init({
      ...commonOptions(options),
      clientUrl: target.url,
      // Reads outside transactions go to the replicas while `watchReplicas` finds them up to date; writes, and
      // everything in a transaction, to the primary.
      replicas: (target.replicaUrls ?? []).map((clientUrl, i) => ({ name: `replica-${i}`, clientUrl })),
      pool: { max: options.poolSize ?? 10 },
      // Every statement is bounded by the server itself, and cancelled when the request it serves is given up.
      driverOptions: {
        Client: CancellableClient,
        ...(options.statementTimeoutMs && { statement_timeout: options.statementTimeoutMs }),
      },
    });
  }
  return PGliteORM.init({
    ...commonOptions(options),
    dbName: 'postgres',
    driverOptions: { dataDir: await embeddedDataDir(target.dataDir, options.owner), extensions: EXTENSIONS },
  });
}

/**
 * Seeds the example data, each seeder in one transaction with no `statement_timeout`: the pool's timeout bounds what
 * a request may cost, and seeding thousands of offerings on a loaded machine is no request (it was cut off at start).
 */
export async function seedExampleData(orm: Orm, seeders: (new () => Seeder)[]): Promise<void> {
  for (const SeederClass of seeders) {
    await orm.em.fork().transactional(async (em) => {
      await em.execute('set local statement_timeout = 0');
      await new SeederClass().run(em);
    });
  }
}

/**
 * Accent-insensitive search needs `unaccent` and `pg_trgm`. They live in the database's `public` schema and are
 * shared by every subgraph in that database, so their creation is serialised with an advisory lock: two
 * subgraphs starting at once against one database would otherwise race on `create extension`.
 */
async function ensureExtensions(orm: Orm): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('motcua:extensions'))`);
    await em.execute('create extension if not exists unaccent schema public');
    await em.execute('create extension if not exists pg_trgm schema public');
  });
}
