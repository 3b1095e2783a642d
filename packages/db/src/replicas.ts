import pg from 'pg';
import type { Orm } from './open-database.ts';

/**
 * How far a streaming replica is behind, in seconds: 0 when it has replayed all it received, else the time since
 * the last commit it replayed (an idle primary sends nothing, so that clock alone would read as lag).
 */
const LAG_SQL = `select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else extract(epoch from now() - pg_last_xact_replay_timestamp()) end::float8 as lag`;

export type ReplicaState = {
  url: string;
  /** Seconds behind the primary; null when it could not be asked (down, or not a replica). */
  lagSeconds: number | null;
};

export type ReplicaWatch = {
  /** Each replica as last checked. */
  states: () => ReplicaState[];
  /** Whether reads outside transactions go to the replicas now. */
  readingFromReplicas: () => boolean;
  stop: () => Promise<void>;
};

/**
 * Checks every replica each `intervalMs`: while all answer and none is more than `maxLagMs` behind, the ORM sends
 * reads outside transactions to them (MikroORM's `preferReadReplicas`); otherwise every read goes to the primary
 * until they are back, so a replica that is down or far behind costs freshness or capacity, never answers.
 */
export function watchReplicas(
  orm: Orm,
  urls: string[],
  { maxLagMs, intervalMs = 1_000 }: { maxLagMs: number; intervalMs?: number },
): ReplicaWatch {
  const pools = urls.map(
    (url) =>
      new pg.Pool({
        connectionString: url,
        max: 1,
        connectionTimeoutMillis: intervalMs,
        statement_timeout: intervalMs,
      }),
  );
  // An idle connection dropped by a replica going down is reported here, and the next check finds it down.
  for (const pool of pools) pool.on('error', () => {});
  let states: ReplicaState[] = urls.map((url) => ({ url, lagSeconds: null }));
  let reading = false;
  let checking: Promise<void> | undefined;
  const check = async () => {
    states = await Promise.all(
      pools.map(async (pool, i) => {
        try {
          const { rows } = await pool.query<{ lag: number | null }>(LAG_SQL);
          return { url: urls[i] as string, lagSeconds: rows[0]?.lag ?? null };
        } catch {
          return { url: urls[i] as string, lagSeconds: null };
        }
      }),
    );
    reading = states.every(({ lagSeconds }) => lagSeconds !== null && lagSeconds * 1000 <= maxLagMs);
    orm.config.set('preferReadReplicas', reading);
  };
  orm.config.set('preferReadReplicas', false);
  checking = check();
  const timer = setInterval(() => {
    checking = check();
  }, intervalMs);
  timer.unref();
  return {
    states: () => states,
    readingFromReplicas: () => reading,
    stop: async () => {
      clearInterval(timer);
      await checking;
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}
