// The processes the benchmark starts and watches: the hub's parts, each through its public entry point (its
// `main.ts`, as the README's "Running the parts as separate processes" runs them), the peer gateways and the
// limit server; and the import CLIs. Memory is read from /proc, so figures are those of the real processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORK_DIR = fileURLToPath(new URL('../.work/', import.meta.url));

/** The hub's entry points, relative to the repository: the only hub files the benchmark runs. */
export const HUB_ENTRY_POINTS = {
  services: 'subgraphs/services/src/main.ts',
  statistics: 'subgraphs/statistics/src/main.ts',
  news: 'subgraphs/news/src/main.ts',
  access: 'subgraphs/access/src/main.ts',
  gateway: 'gateway/src/main.ts',
} as const;

export const SUBGRAPHS = ['services', 'statistics', 'news', 'access'] as const;
export type Subgraph = (typeof SUBGRAPHS)[number];

export type Child = {
  name: string;
  pid: number;
  process: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

/** Only what a part needs, so nothing of the caller's shell (a DATABASE_URL, an OTLP endpoint) leaks in. */
export function baseEnvironment(): Record<string, string> {
  return {
    PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '/tmp',
    // Production-like, with the published development keys (NODE_ENV=production refuses them).
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: '2000',
    // The dataset's 44,000 published articles have no large-print or audio versions yet: the news subgraph's
    // rendition worker would spend the whole run rendering them (seconds of CPU each, 540 MB resident before any
    // request), and no scenario reads them.
    RENDITION_WORKER: 'false',
  };
}

export function logDirectory(runId: string): string {
  const directory = join(WORK_DIR, 'logs', runId);
  mkdirSync(directory, { recursive: true });
  return directory;
}

// Every child still running, so that none outlives the benchmark: a run that failed half-way once left a limit
// server holding its port, and the next run measured that stale process (answering from a dropped database).
const running = new Set<Child>();
process.on('exit', () => {
  for (const child of running) child.process.kill('SIGKILL');
});

/** Stops every child the benchmark started that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

/** The ports of `ports` some other process listens on (a leftover of an earlier run would be measured instead). */
export async function takenPorts(ports: number[]): Promise<number[]> {
  const taken: number[] = [];
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) taken.push(port);
  }
  return taken;
}

/** Starts `node <script> <args>` with the project's Node (the one running the benchmark). */
export function spawnNode(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Child {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const made: Child = {
    name,
    pid: child.pid ?? -1,
    process: child,
    logFile,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        sleep(8_000, undefined, { ref: false }).then(() => false),
      ]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.add(made);
  void exited.then(() => running.delete(made));
  return made;
}

export const tail = (file: string, lines = 15) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

/** Waits until `url` answers at all (a 401 from a subgraph without an identity is an answer), or the child dies. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 180_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let died = false;
  void child.exited.then(() => {
    died = true;
  });
  while (performance.now() < deadline) {
    if (died) throw new Error(`${child.name} exited before it was ready:\n${tail(child.logFile)}`);
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await sleep(150);
    }
  }
  throw new Error(`${child.name} did not answer at ${url} within ${timeoutMs} ms:\n${tail(child.logFile)}`);
}

/** Resident memory of a process, in bytes, now and at its peak (VmHWM), or null once it is gone. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Starts a fresh peak (Linux: writing 5 to clear_refs resets VmHWM), so a round's peak is its own. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the sampled maximum (see PeakSampler) still bounds the peak from below.
  }
}

/**
 * Follows the resident memory of some processes while a round runs: VmHWM (reset at the start) catches peaks
 * between samples, the 200 ms samples stand in where the reset is not permitted.
 */
export class PeakSampler {
  readonly #pids: number[];
  readonly #peaks = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  constructor(pids: number[]) {
    this.#pids = pids;
  }
  start(): void {
    for (const pid of this.#pids) {
      resetPeak(pid);
      this.#peaks.set(pid, memoryOf(pid)?.rss ?? 0);
    }
    this.#timer = setInterval(() => this.#sample(false), 200);
  }
  #sample(final: boolean) {
    for (const pid of this.#pids) {
      const memory = memoryOf(pid);
      if (!memory) continue;
      this.#peaks.set(pid, Math.max(this.#peaks.get(pid) ?? 0, memory.rss, final ? memory.peak : 0));
    }
  }
  /** Peak resident bytes per pid since `start`. */
  stop(): Map<number, number> {
    clearInterval(this.#timer);
    this.#sample(true);
    return new Map(this.#peaks);
  }
}

/** Runs a command to its end, measuring wall time and the peak resident memory of the process it becomes. */
export async function runMeasured(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Promise<{ code: number | null; seconds: number; peakBytes: number; output: string }> {
  const logFile = join(logDir, `${name}.log`);
  const started = performance.now();
  // `exec` makes the shell become the command, so the pid watched is the importing process itself.
  // node_modules/.bin/node is a shell shim that does not exec: the project's Node is called by its real path.
  const direct = command.replace(/^node\s/, `${process.execPath} `);
  const child = spawn('sh', ['-c', `exec ${direct} "$@"`, 'sh', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (data) => {
    output += data;
  });
  child.stderr?.on('data', (data) => {
    output += data;
  });
  let peak = 0;
  const timer = setInterval(() => {
    const memory = child.pid ? memoryOf(child.pid) : null;
    if (memory) peak = Math.max(peak, memory.peak, memory.rss);
  }, 50);
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', (exitCode) => resolve(exitCode)),
  );
  clearInterval(timer);
  writeFileSync(logFile, output);
  return { code, seconds: (performance.now() - started) / 1000, peakBytes: peak, output: output.trim() };
}

/** A root package.json script (e.g. `statistics:import`), to run what `pnpm <script>` runs, minus pnpm itself. */
export function rootScript(name: string): string {
  const scripts = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const script = scripts[name];
  if (!script) throw new Error(`The root package.json has no script "${name}"`);
  return script;
}
