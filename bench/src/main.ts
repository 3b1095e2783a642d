// `pnpm bench [--quick] [--fresh] [--only <scenario,…>]`: the hub against the hand-written limit and a peer
// gateway on a country-sized dataset, every figure a ratio to a baseline measured in the same run (issue 11).
// 1. the dataset, from a cached template or generated and loaded through the hub's import paths (--fresh rebuilds);
// 2. the hub's parts as separate processes on a clone of it, with Hive Gateway and the limit server beside them;
// 3. every system's answers checked against the hub's, SQL statements counted per operation;
// 4. each scenario under load, the systems interleaved over rounds; then the import scenario;
// 5. one report, printed and written to BENCHMARKS.md (a --quick run writes bench/.work/BENCHMARKS.quick.md).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { checkScenario, type Mismatch } from './checks.ts';
import { FULL, QUICK } from './generator/parameters.ts';
import { generateServices } from './generator/services.ts';
import { startHubParts, subgraphUrl } from './hub-parts.ts';
import { analystCaller, anonymousCaller, type Callers, partnerCaller } from './identity.ts';
import { type ImportResult, importScenario } from './import-scenario.ts';
import { cloneDataset, ensureDataset, readManifest } from './loader/load-dataset.ts';
import {
  connectServer,
  databaseUrl,
  dropDatabase,
  listDatabases,
  PREFIX,
  withDatabase,
} from './loader/server.ts';
import { describeMachine } from './machine.ts';
import {
  type Child,
  logDirectory,
  memoryOf,
  REPO_ROOT,
  SUBGRAPHS,
  type Subgraph,
  stopAll,
  takenPorts,
  WORK_DIR,
} from './processes.ts';
import { renderReport } from './report.ts';
import { type Plan, runScenario, type ScenarioRun } from './run-scenarios.ts';
import { scenarios as allScenarios } from './scenarios.ts';
import type { StatementCount } from './sql-count.ts';
import {
  type Baselines,
  type Credentials,
  type System,
  startBaselines,
  systemFor,
  systemIdsFor,
} from './systems.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const parameters = quick ? QUICK : FULL;
const plan: Plan = quick
  ? { connections: 20, rounds: 1, roundSeconds: 0.4, warmupSeconds: 0, timeoutSeconds: 10 }
  : { connections: 20, rounds: 3, roundSeconds: 1.5, warmupSeconds: 0.3, timeoutSeconds: 10 };
// Development's published keys, as the README lists them: the admin key issues the partner keys of the run.
const ADMIN_KEY = 'mc_demo-admin_development-only-key';
const PARTNER_CODE = 'hanoimoi';
const PARTNER_KEYS = quick ? 10 : 100;
// The analyst scenarios' keys, issued only when one runs (each key's allowance is 1,200 requests a minute).
const ANALYST_KEYS = quick ? 10 : 100;
const RUN_PORTS = { gateway: 5100, services: 5101, statistics: 5102, news: 5103, access: 5104 };
/** Every port the run's processes listen on: the hub's parts, the peers and the limit (systems.ts), the SQL count. */
const BENCH_PORTS = Array.from({ length: 32 }, (_, index) => 5100 + index);

const command = `pnpm bench${quick ? ' --quick' : ''}${values.fresh ? ' --fresh' : ''}${values.only ? ` --only ${values.only}` : ''}`;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.log(`[bench ${elapsed()}] ${message}`);
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const logDir = logDirectory(runId);
const runDatabase = `${PREFIX}run_${process.pid}`;

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => console.error(error));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes and dropping ${runDatabase}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Run databases of earlier runs whose process is gone (a crash, a kill -9) are dropped. */
async function dropStaleRuns() {
  const admin = await connectServer();
  try {
    for (const name of await listDatabases(admin, `${PREFIX}run_`)) {
      const pid = Number(name.slice(`${PREFIX}run_`.length));
      if (pid === process.pid || !Number.isInteger(pid)) continue;
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) await dropDatabase(admin, name);
    }
  } finally {
    await admin.end();
  }
}

async function issueKeys(gatewayUrl: string, count: number, role: 'PARTNER' | 'ANALYST') {
  const keys: { secret: string; id: string; owner: string }[] = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({
        query:
          'mutation ($input: ApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id owner } } }',
        variables: {
          input: {
            owner: `pnpm bench ${role.toLowerCase()} ${index + 1}`,
            role,
            ...(role === 'PARTNER' ? { partnerCode: PARTNER_CODE } : {}),
          },
        },
      }),
    });
    const body = (await response.json()) as {
      data?: { createApiKey: { secret: string; apiKey: { id: string; owner: string } } | null };
      errors?: unknown;
    };
    const created = body.data?.createApiKey;
    if (!created) throw new Error(`Could not issue a ${role} key: ${JSON.stringify(body.errors)}`);
    keys.push({ secret: created.secret, id: created.apiKey.id, owner: created.apiKey.owner });
  }
  return keys;
}

/**
 * When the dataset's corrections batch began (its first revision): the vintage scenarios ask for the figures as
 * known just before it.
 */
async function correctionsStart(database: string): Promise<Date> {
  const { rows } = await withDatabase(database, (client) =>
    client.query<{ at: Date | null }>('select min(revised_at) as at from statistics.figure_revision'),
  );
  const at = rows[0]?.at;
  if (!at) throw new Error(`${database} has no corrections: the vintage scenarios need them`);
  return new Date(at.getTime() - 1);
}

async function main() {
  log(
    `${command}: ${parameters.mode} dataset, ${plan.connections} connections, ${plan.rounds} rounds of ${plan.roundSeconds} s; logs in ${logDir}`,
  );
  const taken = await takenPorts(BENCH_PORTS);
  if (taken.length)
    throw new Error(
      `Ports ${taken.join(', ')} are in use (another pnpm bench, or processes an earlier run left: \`ss -ltnp\` names them); the benchmark would measure them instead of its own`,
    );
  await dropStaleRuns();
  const url = databaseUrl(runDatabase);
  // The peer gateways and the limit server take seconds to load and need no data yet: they start now, beside the
  // dataset. The partner they sign for is told them once the hub's gateway has issued its keys.
  const partnerFile = join(WORK_DIR, `partner-${process.pid}.json`);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((name) => [name, subgraphUrl(name, RUN_PORTS[name])]),
  ) as Record<Subgraph, string>;
  const baselinesStarting = startBaselines(subgraphUrls, url, partnerFile, logDir);
  // Awaited after the dataset; until then a failure must not count as unhandled.
  baselinesStarting.catch(() => {});
  cleanups.push(async () => {
    rmSync(partnerFile, { force: true });
    await baselinesStarting.then(
      (started) => started.stop(),
      () => {},
    );
  });
  const dataset = await ensureDataset(parameters, { fresh: values.fresh ?? false, logDir, log });
  log(`dataset ${dataset.template} ${dataset.built ? `built in ${dataset.seconds.toFixed(0)} s` : 'cached'}`);
  cleanups.push(async () => {
    const admin = await connectServer();
    await dropDatabase(admin, runDatabase).finally(() => admin.end());
  });
  const cloneSeconds = await cloneDataset(dataset.template, runDatabase);
  const manifest = await readManifest(runDatabase);
  const machine = await describeMachine(runDatabase);
  log(
    `cloned into ${runDatabase} in ${cloneSeconds.toFixed(1)} s (${manifest.counts.facts?.toLocaleString('en')} facts)`,
  );

  const startClock = performance.now();
  const parts = await startHubParts(url, RUN_PORTS, logDir);
  cleanups.push(parts.stop);
  const baselines: Baselines = await baselinesStarting;
  const keys = await issueKeys(parts.gatewayUrl ?? '', PARTNER_KEYS, 'PARTNER');
  const first = keys[0] as (typeof keys)[number];
  const only = values.only?.split(',');
  const scenarios = allScenarios(parameters, { correctionsAt: await correctionsStart(runDatabase) }).filter(
    (scenario) => !only || only.includes(scenario.id),
  );
  const analystKeys = scenarios.some((scenario) => scenario.caller === 'analyst')
    ? await issueKeys(parts.gatewayUrl ?? '', ANALYST_KEYS, 'ANALYST')
    : [];
  const analyst = analystKeys[0];
  const callers: Callers = {
    anonymous: anonymousCaller(),
    partner: partnerCaller(first.id, first.owner, PARTNER_CODE),
    analyst: analyst ? analystCaller(analyst.id, analyst.owner) : anonymousCaller(),
  };
  writeFileSync(partnerFile, JSON.stringify(callers.partner));
  const credentials: Credentials = {
    callers,
    partnerKeys: keys.map((key) => key.secret),
    analystKeys: analystKeys.map((key) => key.secret),
  };
  const startSeconds = (performance.now() - startClock) / 1000;
  for (const [variant, problem] of Object.entries(baselines.hiveProblems))
    log(`${variant} is not available: ${problem}`);
  const watched: Child[] = [...parts.children, ...Object.values(baselines.hive), baselines.limit];
  const idle = new Map(
    watched.map((child) => [child.name, Math.round((memoryOf(child.pid)?.rss ?? 0) / 2 ** 20)]),
  );
  log(
    `hub parts, ${Object.keys(baselines.hive).length} Hive Gateways and the limit server up in ${startSeconds.toFixed(1)} s`,
  );

  const systemsOf = new Map<string, (System & { release: () => void })[]>();
  for (const scenario of scenarios) {
    const systems = [];
    for (const id of systemIdsFor(scenario)) {
      const system = await systemFor(id, scenario, parts, baselines, credentials);
      if (system) systems.push(system);
    }
    systemsOf.set(scenario.id, systems);
  }

  const checksClock = performance.now();
  const mismatches: Mismatch[] = [];
  const singleMs = new Map<string, Map<string, number>>();
  for (const scenario of scenarios) {
    const [hub, ...others] = systemsOf.get(scenario.id) ?? [];
    if (!hub) continue;
    const { mismatches: found, singleMs: times } = await checkScenario(scenario, hub, others, url);
    singleMs.set(scenario.id, times);
    for (const mismatch of found)
      console.log(`\n!!! MISMATCH ${mismatch.scenario} / ${mismatch.system}: ${mismatch.detail}\n`);
    mismatches.push(...found);
  }
  log(
    `answers checked: ${mismatches.length ? `${mismatches.length} MISMATCHES (see above)` : "every system gives the hub's answer"}`,
  );

  const checksSeconds = (performance.now() - checksClock) / 1000;
  const statementsClock = performance.now();
  const { countStatements } = await import('./sql-count.ts');
  let statements = new Map<string, StatementCount>();
  try {
    statements = await countStatements(url, scenarios, {
      partner: credentials.partnerKeys[0] ?? '',
      analyst: credentials.analystKeys[0] ?? '',
    });
    log(
      `SQL statements per operation: ${[...statements].map(([id, count]) => `${id} ${count.total}`).join(', ')}`,
    );
  } catch (error) {
    log(`SQL statements could not be counted: ${(error as Error).message}`);
  }

  const statementsSeconds = (performance.now() - statementsClock) / 1000;
  const loadClock = performance.now();
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) {
    const systems = systemsOf.get(scenario.id) ?? [];
    log(`${scenario.title}: ${systems.map((system) => system.label).join(' | ')}`);
    runs.push(await runScenario(scenario, systems, plan, url, watched, log));
    for (const system of systems) system.release();
  }
  const loadSeconds = (performance.now() - loadClock) / 1000;
  const after = new Map(
    watched.map((child) => [child.name, Math.round((memoryOf(child.pid)?.rss ?? 0) / 2 ** 20)]),
  );

  const importClock = performance.now();
  let importResult: ImportResult | null = null;
  let importError: string | null = null;
  if (!only || only.includes('import')) {
    log('import scenario: new facts through pnpm statistics:import, and COPY of the same file');
    try {
      importResult = await importScenario(
        parameters,
        generateServices(parameters),
        runDatabase,
        parts.subgraphUrls.services,
        logDir,
        log,
      );
    } catch (error) {
      importError = (error as Error).message.slice(0, 500);
      log(`import scenario failed: ${importError}`);
    }
  }
  const importSeconds = (performance.now() - importClock) / 1000;

  const markdown = renderReport({
    command,
    machine,
    manifest,
    plan,
    durations: {
      total: (performance.now() - started) / 1000,
      dataset: dataset.seconds,
      datasetBuilt: dataset.built,
      clone: cloneSeconds,
      start: startSeconds,
      checks: checksSeconds,
      statements: statementsSeconds,
      load: loadSeconds,
      import: importSeconds,
    },
    scenarios: runs,
    statements,
    importResult,
    importError,
    processes: watched.map((child) => ({
      name: child.name,
      idleMb: idle.get(child.name) ?? 0,
      peakMb: Math.max(0, ...runs.map((run) => run.processPeaks.get(child.name) ?? 0)),
      afterMb: after.get(child.name) ?? 0,
    })),
    mismatches,
    singleMs,
    hiveProblems: baselines.hiveProblems,
    partnerKeys: keys.length,
    analystKeys: analystKeys.length,
  });
  const file = quick ? join(WORK_DIR, 'BENCHMARKS.quick.md') : join(REPO_ROOT, 'BENCHMARKS.md');
  writeFileSync(file, markdown);
  console.log(`\n${markdown}`);
  log(`written to ${file}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
  // Whatever a failure left before its own cleanup was registered (a part that started while another did not).
  await stopAll();
}
