import { DATA_VERSION_CHANNEL } from '@motcua/db/data-version';
import { logger } from '@motcua/observability';
import pg from 'pg';

/**
 * The versions of the subgraphs' public data, as this gateway last learnt them (see `dataVersionSql`): what the
 * response cache keys its answers by, so that an answer computed before a change committed is never found after.
 */
export type DataVersions = {
  /**
   * The versions of `subgraphs`, as one string (`news:3,services:7`); null while they are not known for sure, or
   * when one of them has none.
   */
  current: (subgraphs: readonly string[]) => string | null;
  /** Reads the versions again, once what this gateway has just done (a mutation) has committed. */
  refresh: () => Promise<void>;
  stop: () => Promise<void>;
};

const RETRY_MS = 1_000;

/**
 * One PostgreSQL connection per gateway that LISTENs for the versions the subgraphs' commits bump, and reads them
 * whole when it (re)connects. While the connection is down, or before the subgraphs have migrated, the versions are
 * unknown and the cache is neither read nor written: a bump sent then would be missed.
 */
export async function watchDataVersions(databaseUrl: string): Promise<DataVersions> {
  let versions: Map<string, number> | null = null;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const read = async (from: pg.Client) => {
    const { rows } = await from.query<{ subgraph: string; version: string }>(
      'select subgraph, version from motcua_cache.data_version',
    );
    const read = new Map(rows.map((row) => [row.subgraph, Number(row.version)]));
    // A notification may have raised a version while the read was on its way: the higher one stands.
    for (const [subgraph, version] of versions ?? []) {
      if (version > (read.get(subgraph) ?? -1)) read.set(subgraph, version);
    }
    versions = read;
  };

  const lost = (error: unknown) => {
    if (stopped) return;
    versions = null;
    const gone = client;
    client = null;
    gone?.end().catch(() => {});
    logger.warn({ err: error }, 'response cache: data versions unknown, answering without the cache');
    clearTimeout(retry);
    retry = setTimeout(connect, RETRY_MS);
  };

  async function connect() {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'motcua-gateway-cache' });
    next.on('error', lost);
    next.on('end', () => {
      if (client === next) lost(new Error('connection ended'));
    });
    next.on('notification', ({ payload }) => {
      const [subgraph, version] = (payload ?? '').split(':');
      if (!(versions && subgraph && version)) return;
      if (Number(version) > (versions.get(subgraph) ?? -1)) versions.set(subgraph, Number(version));
    });
    try {
      await next.connect();
      client = next;
      // Listening before reading: a bump committed between the two is then not missed.
      await next.query(`listen ${DATA_VERSION_CHANNEL}`);
      await read(next);
    } catch (error) {
      if (client === next) lost(error);
      else {
        next.end().catch(() => {});
        clearTimeout(retry);
        if (!stopped) retry = setTimeout(connect, RETRY_MS);
      }
    }
  }
  // The first attempt is awaited, so the cache serves from the gateway's first request; one that fails is retried.
  await connect();

  return {
    current: (subgraphs) => {
      if (!versions) return null;
      const known = versions;
      const parts = subgraphs.map((subgraph) => [subgraph, known.get(subgraph)] as const);
      // A subgraph with no version (access: nothing of it is ever kept) leaves the answer uncached.
      if (parts.some(([, version]) => version === undefined)) return null;
      return parts.map(([subgraph, version]) => `${subgraph}:${version}`).join(',');
    },
    refresh: async () => {
      if (!client || !versions) return;
      await read(client).catch(lost);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
