import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export type PartName = 'services' | 'statistics' | 'news' | 'access' | 'gateway' | 'hub';

const ENTRY: Record<PartName, string> = {
  services: 'subgraphs/services/src/main.ts',
  statistics: 'subgraphs/statistics/src/main.ts',
  news: 'subgraphs/news/src/main.ts',
  access: 'subgraphs/access/src/main.ts',
  gateway: 'gateway/src/main.ts',
  // The whole hub in one process, as `pnpm start` runs it.
  hub: 'packages/hub/src/main.ts',
};

export type Part = {
  name: PartName;
  port: number;
  process: () => ChildProcess;
  /** Starts the process and resolves once it prints that it listens. */
  start: () => Promise<void>;
  /** kill -9, and resolves once the process is gone. */
  kill: () => Promise<void>;
  /** Resident memory of the process in bytes, from /proc. */
  rss: () => number;
  output: () => string;
};

/** What a part prints once it listens; the hub, once all of it is up (its last address is that of the health check). */
const READY = (name: PartName) => (name === 'hub' ? /^ {2}health /m : / on http:\/\//);

/**
 * One part of the hub as its own process (`node <main.ts>`), as a deployment with one service per part runs it;
 * `nodeArgs` go to node before the entry point; `startTimeoutMs` bounds the wait for it to listen.
 */
export function part(
  name: PartName,
  port: number,
  env: Record<string, string>,
  { startTimeoutMs = 90_000, nodeArgs = [] }: { startTimeoutMs?: number; nodeArgs?: string[] } = {},
): Part {
  let child: ChildProcess | undefined;
  let output = '';
  const self: Part = {
    name,
    port,
    process: () => child as ChildProcess,
    output: () => output,
    start: () =>
      new Promise((resolve, reject) => {
        child = spawn(process.execPath, [...nodeArgs, ENTRY[name]], {
          cwd: ROOT,
          // Renditions cost seconds of CPU per seeded article, which the faults and the soak would measure as
          // the hub's: off unless a test asks for them (as the test kit's configuration does).
          env: { ...process.env, RENDITION_WORKER: 'false', ...env, PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const timer = setTimeout(
          () => reject(new Error(`${name} did not start:\n${output}`)),
          startTimeoutMs,
        );
        const onData = (chunk: Buffer) => {
          output = (output + chunk.toString()).slice(-20_000);
          if (READY(name).test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited with ${code}:\n${output}`));
        });
      }),
    kill: () =>
      new Promise((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    rss: () => {
      try {
        const status = readFileSync(`/proc/${child?.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    },
  };
  return self;
}
