// The measurement loop of one scenario: every system warms up, then the systems take turns round by round (A 1,
// B 1, …, A 2, B 2, …), so that drift on a shared machine (another engineer's tests starting) falls on all of them
// alike. Memory of every watched process is sampled through each round. Between turns the database settles: what a
// round left running is cancelled, so it does not load the next system's turn.
import { performance } from 'node:perf_hooks';
import { databaseSettler, httpRound, type RoundOptions, type RoundResult, sqlRound } from './load-driver.ts';
import { type Child, memoryOf, PeakSampler } from './processes.ts';
import type { Scenario } from './scenarios.ts';
import type { CacheCounts, System, SystemId } from './systems.ts';

export type Plan = Omit<RoundOptions, 'seconds'> & {
  rounds: number;
  roundSeconds: number;
  warmupSeconds: number;
};

export type SystemRun = {
  id: SystemId;
  label: string;
  rounds: RoundResult[];
  /** The front process's peak resident memory over its rounds, and after them (MB). */
  peakMb: number | null;
  afterMb: number | null;
  /** Statements still running after its rounds, cancelled before the next system's turn. */
  cancelled: number;
  /** It answered nothing in its first round, so it was given no more (see runScenario). */
  silent: boolean;
  /** What the gateway's response cache did over the measured rounds (a gateway of the hub's only). */
  cache: CacheCounts | null;
};

/** The share of queries the response cache answered, as printed: `cache hits 97.5% of 1234`. */
export const hitRate = ({ hit, miss, bypass }: CacheCounts) => {
  const total = hit + miss + bypass;
  return `cache hits ${total ? ((100 * hit) / total).toFixed(1) : '0.0'}% of ${total}`;
};

export type ScenarioRun = {
  scenario: Scenario;
  systems: SystemRun[];
  /** Peak resident memory of every watched process during the scenario (MB), by process name. */
  processPeaks: Map<string, number>;
};

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function runRound(system: System, scenario: Scenario, options: RoundOptions, databaseUrl: string) {
  return system.url
    ? httpRound({ url: system.url, headers: system.headers }, scenario, options)
    : sqlRound(databaseUrl, scenario, options);
}

export async function runScenario(
  scenario: Scenario,
  systems: System[],
  plan: Plan,
  databaseUrl: string,
  watched: Child[],
  log: (message: string) => void,
): Promise<ScenarioRun> {
  const runs = new Map<SystemId, SystemRun>(
    systems.map((system) => [
      system.id,
      {
        id: system.id,
        label: system.label,
        rounds: [],
        peakMb: null,
        afterMb: null,
        cancelled: 0,
        silent: false,
        cache: null,
      },
    ]),
  );
  const processPeaks = new Map<string, number>();
  const settler = await databaseSettler(databaseUrl);
  try {
    for (const system of systems) {
      if (!plan.warmupSeconds) break;
      await runRound(system, scenario, { ...plan, seconds: plan.warmupSeconds }, databaseUrl);
      await settler.settle();
    }
    for (let round = 1; round <= plan.rounds; round++) {
      for (const system of systems) {
        const run = runs.get(system.id) as SystemRun;
        // A system that answered nothing within its first round is slower than a round: later rounds would only
        // add lower bounds and cost the run the time it takes to cancel what it leaves running.
        if (run.silent) continue;
        const sampler = new PeakSampler(watched.map((child) => child.pid));
        sampler.start();
        const cacheBefore = await system.cacheCounts?.();
        const clock = performance.now();
        const result = await runRound(system, scenario, { ...plan, seconds: plan.roundSeconds }, databaseUrl);
        const peaks = sampler.stop();
        const cacheAfter = await system.cacheCounts?.();
        const cache =
          cacheBefore && cacheAfter
            ? {
                hit: cacheAfter.hit - cacheBefore.hit,
                miss: cacheAfter.miss - cacheBefore.miss,
                bypass: cacheAfter.bypass - cacheBefore.bypass,
              }
            : null;
        if (cache) {
          const sum = run.cache ?? { hit: 0, miss: 0, bypass: 0 };
          run.cache = {
            hit: sum.hit + cache.hit,
            miss: sum.miss + cache.miss,
            bypass: sum.bypass + cache.bypass,
          };
        }
        const settling = performance.now();
        const cancelled = await settler.settle();
        const settled = (performance.now() - settling) / 1000;
        run.cancelled += cancelled;
        run.rounds.push(result);
        run.silent = round === 1 && result.ok + result.failed + result.timeouts === 0;
        for (const child of watched) {
          const peak = mb(peaks.get(child.pid) ?? 0);
          processPeaks.set(child.name, Math.max(processPeaks.get(child.name) ?? 0, peak));
        }
        if (system.front) {
          run.peakMb = Math.max(run.peakMb ?? 0, mb(peaks.get(system.front.pid) ?? 0));
          run.afterMb = mb(memoryOf(system.front.pid)?.rss ?? 0);
        }
        log(
          `    round ${round} ${system.label}: ${(result.ok / result.seconds).toFixed(1)} req/s, ${result.failed + result.timeouts} failed${result.firstFailure && result.failed + result.timeouts ? ` (${result.firstFailure.slice(0, 140)})` : ''}; ${((settling - clock) / 1000).toFixed(1)} s, then ${settled.toFixed(1)} s settling${cancelled ? `, ${cancelled} statements cancelled` : ''}${cache ? `; ${hitRate(cache)}` : ''}`,
        );
      }
    }
  } finally {
    await settler.close();
  }
  return { scenario, systems: [...runs.values()], processPeaks };
}
