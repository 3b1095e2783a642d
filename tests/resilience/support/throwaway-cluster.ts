import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of its own, in a temporary folder on a free port, for tests that kill PostgreSQL: the shared
 * cluster on 5432 is never touched. Run as the `postgres` user (`runuser`) when the tests run as root, as initdb
 * refuses root.
 */
export type ThrowawayCluster = {
  url: string;
  port: number;
  /** Where its data directory lives. */
  root: string;
  /** The postmaster's process id (to kill -9). */
  pid: () => number;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  remove: () => Promise<void>;
};

const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args])
    : run(join(BIN, command), args);

/**
 * A new cluster, or with `replicaOf` a streaming replica of that one: a base backup (`pg_basebackup -R`, which
 * writes the standby's connection to its primary) started as a hot standby that answers reads.
 */
export async function createThrowawayCluster(
  port: number,
  { replicaOf }: { replicaOf?: ThrowawayCluster } = {},
): Promise<ThrowawayCluster> {
  const root = mkdtempSync(join(tmpdir(), 'motcua-pg-'));
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(group.trim()));
  }
  if (replicaOf) {
    await asPostgres('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(replicaOf.port), '-U', 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '--no-sync'],
    ]);
  } else {
    await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  }
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    await asPostgres('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(root, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  };
  await start();
  return {
    port,
    root,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    start,
    stop: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    },
    remove: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
