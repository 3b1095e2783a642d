// The report: one table of every scenario and system, each baseline's figures followed by the hub's figure
// divided by it (measured in the same run), then the same request timed alone, the goals of the performance issue
// as ratios, the import scenario, memory per process, how the dataset was loaded and what the run could not
// measure. The same Markdown is printed and written to BENCHMARKS.md.
import type { Mismatch } from './checks.ts';
import type { ImportResult, Measure } from './import-scenario.ts';
import { LIMIT_STATEMENTS } from './limit/limit-sql.ts';
import { percentile } from './load-driver.ts';
import type { Manifest } from './loader/load-dataset.ts';
import type { Machine } from './machine.ts';
import { hitRate, type Plan, type ScenarioRun, type SystemRun } from './run-scenarios.ts';
import type { StatementCount } from './sql-count.ts';

export type Report = {
  command: string;
  machine: Machine;
  manifest: Manifest;
  plan: Plan;
  durations: {
    total: number;
    dataset: number;
    datasetBuilt: boolean;
    clone: number;
    start: number;
    checks: number;
    statements: number;
    load: number;
    import: number;
  };
  scenarios: ScenarioRun[];
  statements: Map<string, StatementCount>;
  importResult: ImportResult | null;
  importError: string | null;
  processes: { name: string; idleMb: number; peakMb: number; afterMb: number }[];
  mismatches: Mismatch[];
  /** Each system's time for one request alone (the check), by scenario and system id. */
  singleMs: Map<string, Map<string, number>>;
  hiveProblems: Record<string, string>;
  partnerKeys: number;
  /** Analyst keys the run issued (0 when no analyst scenario ran). */
  analystKeys: number;
};

type Latency = { ms: number; atLeast: boolean } | null;
type Figures = { rps: number; answered: number; p50: Latency; p99: Latency; failed: number };

function figuresOf(run: SystemRun): Figures {
  const latencies = run.rounds.flatMap((round) => round.latencies);
  const censored = run.rounds.flatMap((round) => round.censored);
  const seconds = run.rounds.reduce((sum, round) => sum + round.seconds, 0);
  const ok = run.rounds.reduce((sum, round) => sum + round.ok, 0);
  return {
    rps: seconds ? ok / seconds : 0,
    answered: ok,
    p50: percentile(latencies, censored, 50),
    p99: percentile(latencies, censored, 99),
    failed: run.rounds.reduce((sum, round) => sum + round.failed + round.timeouts, 0),
  };
}

const number = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en') : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const ms = (value: Latency) => (value === null ? '—' : `${value.atLeast ? '≥ ' : ''}${number(value.ms)}`);
/** The hub's figure divided by the baseline's: none when either is missing or zero. */
const ratio = (hub: number | null, baseline: number | null) =>
  hub === null || baseline === null || baseline === 0 || hub === 0
    ? ''
    : ` · ${(hub / baseline).toFixed(2)}×`;
/** Lower bounds are not divided: "≥ 2,000 ms" over "≥ 2,000 ms" says nothing. */
const latencyRatio = (hub: Latency, baseline: Latency) =>
  hub && baseline && !hub.atLeast && !baseline.atLeast ? ratio(hub.ms, baseline.ms) : '';

function statementsOf(report: Report, run: SystemRun, scenarioId: string, operation: string): number | null {
  if (run.id === 'hub') return report.statements.get(scenarioId)?.total ?? null;
  if (run.id === 'limit') return LIMIT_STATEMENTS[operation as keyof typeof LIMIT_STATEMENTS] ?? null;
  if (run.id === 'naive') return 1;
  return null;
}

function mainTable(report: Report): string {
  const lines = [
    '| scenario | system | req/s | p50 ms | p99 ms | failed | SQL/op | RSS peak MB | RSS after MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { scenario, systems } of report.scenarios) {
    const hub = systems.find((run) => run.id === 'hub');
    const hubFigures = hub ? figuresOf(hub) : null;
    const hubStatements = hub ? statementsOf(report, hub, scenario.id, scenario.operationName) : null;
    systems.forEach((run, at) => {
      const figures = figuresOf(run);
      const statements = statementsOf(report, run, scenario.id, scenario.operationName);
      const isHub = run.id === 'hub';
      const cell = (value: string, hubValue: number | null, own: number | null) =>
        isHub ? value : `${value}${ratio(hubValue, own)}`;
      const latency = (own: Latency, hubValue: Latency) =>
        isHub ? ms(own) : `${ms(own)}${latencyRatio(hubValue, own)}`;
      lines.push(
        `| ${at === 0 ? scenario.title : ''} | ${isHub ? `**${run.label}**` : run.label}${run.cache ? ` (${hitRate(run.cache)})` : ''} | ${run.silent ? `0 (none in ${report.plan.roundSeconds} s)` : cell(number(figures.rps), hubFigures?.rps ?? null, figures.rps)} | ${latency(figures.p50, hubFigures?.p50 ?? null)} | ${latency(figures.p99, hubFigures?.p99 ?? null)} | ${figures.failed}${run.cancelled ? ` (+${run.cancelled} SQL cancelled)` : ''} | ${statements === null ? '—' : cell(String(statements), hubStatements, statements)} | ${run.peakMb === null ? '—' : cell(String(run.peakMb), hub?.peakMb ?? null, run.peakMb)} | ${run.afterMb === null ? '—' : cell(String(run.afterMb), hub?.afterMb ?? null, run.afterMb)} |`,
      );
    });
  }
  return lines.join('\n');
}

/** Each system's time for one request at a time (the checks, before the load): latency without queueing. */
function singleTable(report: Report): string {
  const lines = ['| scenario | system | one request alone, ms | hub ÷ this |', '| --- | --- | --- | --- |'];
  for (const run of report.scenarios) {
    const times = report.singleMs.get(run.scenario.id);
    const hub = times?.get('hub');
    run.systems.forEach((system, at) => {
      const own = times?.get(system.id);
      if (own === undefined) return;
      lines.push(
        `| ${at === 0 ? run.scenario.title : ''} | ${system.label} | ${number(own)} | ${system.id === 'hub' || !hub ? '' : `${(hub / own).toFixed(2)}×`} |`,
      );
    });
  }
  return lines.join('\n');
}

type Comparison = { ratio: number | null; hub: Figures | null; other: Figures | null };

function hubRatio(report: Report, scenarioId: string, baseline: string): Comparison {
  const runs = report.scenarios.find((run) => run.scenario.id === scenarioId)?.systems ?? [];
  const hubRun = runs.find((run) => run.id === 'hub');
  const otherRun = runs.find((run) => run.id === baseline);
  const hub = hubRun ? figuresOf(hubRun) : null;
  const other = otherRun ? figuresOf(otherRun) : null;
  return { ratio: hub?.rps && other?.rps ? hub.rps / other.rps : null, hub, other };
}

/** A goal's ratio, or why there is none: a system that answered nothing within a round has no throughput. */
function verdict({ ratio: value, hub, other }: Comparison, goal: number): string {
  if (value !== null) return `${value.toFixed(2)} (${value >= goal ? 'met' : 'not met'})`;
  if (!hub || !other) return 'not run';
  const silent = [hub.answered ? null : 'the hub', other.answered ? null : 'the baseline'].filter(Boolean);
  return `no ratio: ${silent.join(' and ')} answered nothing within a round (p50 ${ms(hub.p50)} vs ${ms(other.p50)} ms)`;
}

function goals(report: Report): string {
  const ids = report.scenarios.map((run) => run.scenario.id);
  const analyst = report.scenarios.filter((run) => run.scenario.naive).map((run) => run.scenario);
  const lines = [
    '| goal (issue 11) | measured |',
    '| --- | --- |',
    `| portal page ≥ 0.5 of the hand-written limit (req/s) | ${verdict(hubRatio(report, 'portal', 'limit'), 0.5)} |`,
    `| catalog browse ≥ 0.5 of its limit | ${verdict(hubRatio(report, 'catalog', 'limit'), 0.5)} |`,
    ...ids.map((id) => {
      const rust = hubRatio(report, id, 'hive-rust');
      return `| ${id}: ≥ 1.0 of Hive Gateway, JS planner (and how far from its Rust planner) | ${verdict(hubRatio(report, id, 'hive-js'), 1)}${rust.other ? `; Rust planner: ${verdict(rust, 1)}` : ''} |`;
    }),
    ...report.scenarios
      .filter((run) => run.scenario.subgraph)
      .map(
        (run) =>
          `| ${run.scenario.id}: gateway ≥ 0.8 of direct-subgraph throughput | ${verdict(hubRatio(report, run.scenario.id, 'direct'), 0.8)} |`,
      ),
    ...analyst.map((scenario) => {
      const comparison = hubRatio(report, scenario.id, 'naive');
      const p99 = comparison.hub?.p99 ?? null;
      const single = report.singleMs.get(scenario.id);
      const hubAlone = single?.get('hub');
      const naiveAlone = single?.get('naive');
      const alone =
        hubAlone && naiveAlone
          ? `; one request alone: hub ${number(hubAlone)} ms, naive ${number(naiveAlone)} ms (${naiveAlone >= hubAlone ? `the hub ${(naiveAlone / hubAlone).toFixed(2)}× faster` : `the hub ${(hubAlone / naiveAlone).toFixed(2)}× slower`})`
          : '';
      return `| ${scenario.id}: p99 < 100 ms at ${report.plan.connections} clients; ≥ 20× the naive GROUP BY | p99 ${ms(p99)} ms (${p99 && !p99.atLeast && p99.ms < 100 ? 'met' : 'not met'}); throughput vs naive: ${verdict(comparison, 20)}${alone} |`;
    }),
    `| identical results (hub = naive SQL, = direct, = Hive, = limit, on samples) | ${report.mismatches.length ? `${report.mismatches.length} mismatches (see the notes)` : 'met on every sample'} |`,
    `| import ≥ 0.5 of COPY, memory flat | ${importVerdict(report.importResult)} |`,
    `| gateway RSS under load below 300 MB | ${gatewayPeak(report)} |`,
    '| SQL statements per operation the same at page sizes 10, 100, 1,000 | checked by `tests/sql-budget.test.ts` rather than here: every field of the graph on 1 parent and on 10 (`Campaign.effect` included), every connection at page sizes 1, 10 and 100 (a page stops at 100: `first: 1000` is refused with `BAD_USER_INPUT`); the SQL/op column counts each scenario at its own size |',
  ];
  return lines.join('\n');
}

function gatewayPeak(report: Report): string {
  const peak = Math.max(0, ...report.scenarios.map((run) => run.processPeaks.get('gateway') ?? 0));
  return `${peak} MB peak (${peak < 300 ? 'met' : 'not met'})`;
}

const rate = (measure: Measure) => measure.rows / measure.seconds;

function importVerdict(result: ImportResult | null): string {
  if (!result) return 'not measured';
  const measured = result.imports.filter((measure) => !measure.extrapolated);
  const last = measured.at(-1);
  const copy = last && result.copies[result.imports.indexOf(last)];
  const first = result.imports[0];
  const target = result.imports.at(-1);
  if (!last || !copy || !first || !target) return 'not measured';
  const share = rate(last) / rate(copy);
  // Flat: the peak hardly grows with the batch (a streaming import's would not grow at all).
  const flat = target.peakMb <= first.peakMb * 1.5;
  return `${share.toFixed(2)} of COPY's rate at ${last.rows.toLocaleString('en')} rows (${share >= 0.5 ? 'met' : 'not met'}); memory ${flat ? 'flat' : 'not flat'}: ${first.peakMb} MB at ${first.rows.toLocaleString('en')} rows, ${target.peakMb.toLocaleString('en')} MB at ${target.rows.toLocaleString('en')}${target.extrapolated ? ' (extrapolated)' : ''}`;
}

function importTable(result: ImportResult | null, error: string | null): string {
  if (!result) return error ? `The import scenario failed: ${error}` : 'The import scenario did not run.';
  const lines = [
    '| rows | import (pnpm statistics:import) s | rows/s | peak MB | COPY of the same file s | rows/s | peak MB | import ÷ COPY rate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  result.imports.forEach((measure, at) => {
    const copy = result.copies[at] as Measure;
    const label = measure.extrapolated ? ' (extrapolated)' : '';
    lines.push(
      `| ${measure.rows.toLocaleString('en')}${label} | ${measure.seconds.toFixed(1)} | ${Math.round(rate(measure)).toLocaleString('en')} | ${measure.peakMb.toLocaleString('en')} | ${copy.seconds.toFixed(1)} | ${Math.round(rate(copy)).toLocaleString('en')} | ${copy.peakMb} | ${(rate(measure) / rate(copy)).toFixed(2)}× |`,
    );
  });
  if (result.reason) {
    lines.push(
      '',
      `The last row is **extrapolated**, not measured: ${result.reason}, beyond this run's limits (a few minutes, a few GB). COPY is measured at the same sizes and extrapolated the same way.`,
    );
  }
  return lines.join('\n');
}

function processTable(report: Report): string {
  return [
    '| process | idle MB | peak under load MB · ÷ idle | after the load MB · ÷ idle |',
    '| --- | --- | --- | --- |',
    ...report.processes.map(
      (process) =>
        `| ${process.name} | ${process.idleMb} | ${process.peakMb}${ratio(process.peakMb, process.idleMb)} | ${process.afterMb}${ratio(process.afterMb, process.idleMb)} |`,
    ),
  ].join('\n');
}

function datasetSection(report: Report): string {
  const { manifest } = report;
  const counts = manifest.counts;
  const p = manifest.parameters;
  return [
    `${counts.provinces} provinces and ${counts.communes?.toLocaleString('en')} communes in force, ${counts.dissolvedUnits?.toLocaleString('en')} units dissolved on 1 July 2025; ` +
      `${counts.services?.toLocaleString('en')} services (${p.services.toLocaleString('en')} generated, the rest the example catalog), ${counts.offerings?.toLocaleString('en')} offerings; ` +
      `${counts.facts?.toLocaleString('en')} monthly facts ${p.firstMonth} – ${p.lastMonth} (old unit codes before July 2025), ${counts.revisions?.toLocaleString('en')} of them revised by a second batch; ` +
      `${counts.articles?.toLocaleString('en')} articles, ${counts.feedChanges?.toLocaleString('en')} partner feed changes. Template key ${manifest.key}, built ${manifest.builtAt.slice(0, 16).replace('T', ' ')} in ${Math.round(manifest.buildSeconds)} s:`,
    '',
    '| what | rows | how it went in | s | peak MB |',
    '| --- | --- | --- | --- | --- |',
    ...manifest.steps.map(
      (step) =>
        `| ${step.what} | ${step.rows ? step.rows.toLocaleString('en') : ''} | ${step.path} | ${step.seconds.toFixed(1)} | ${step.peakMb ?? ''} |`,
    ),
  ].join('\n');
}

function notes(report: Report): string {
  const lines: string[] = [];
  for (const run of report.scenarios) {
    if (run.scenario.gap) lines.push(`- **API gap, ${run.scenario.id}:** ${run.scenario.gap}.`);
  }
  for (const [variant, problem] of Object.entries(report.hiveProblems)) {
    lines.push(`- **${variant} did not start**, so its rows are missing: ${problem}`);
  }
  for (const mismatch of report.mismatches) {
    lines.push(`- **MISMATCH** ${mismatch.scenario}, ${mismatch.system}: ${mismatch.detail}`);
  }
  const cancelled = report.scenarios.flatMap((run) =>
    run.systems
      .filter((system) => system.cancelled)
      .map((system) => `${run.scenario.id} / ${system.label}: ${system.cancelled}`),
  );
  if (cancelled.length) {
    lines.push(
      `- **SQL still running after a round** (its clients gone) was cancelled before the next system's turn: ${cancelled.join('; ')}.`,
    );
  }
  lines.push(
    "- The partner scenario's virtual clients all start from the beginning of the feed, so their first pages are identical requests in flight at once: a gateway that merges identical subgraph requests (Hive, by default) sends the news subgraph one of them.",
    "- The limit reads a service's months from the aggregate the hub keeps by service (`usage_by_service`), as the hub's `usage` field does: a limit adding up the raw facts (thousands of rows for a busy service) would be slower than the hub, and no limit.",
  );
  lines.push(
    `- The partner scenario sends \`x-api-key\` to the hub's gateway, rotating over ${report.partnerKeys} partner keys the run issued (one key allows 600 requests a minute); the gateway asks the access subgraph about the key on every request. Hive Gateway's plugin signs the same partner identity for any \`x-api-key\` without that check, and the direct baseline sends the signed identity itself.`,
  );
  if (report.analystKeys)
    lines.push(
      `- The analyst scenarios that need an analyst's scope (the cube) rotate over ${report.analystKeys} analyst keys the run issued (one key allows 1,200 requests a minute); the peer gateways take any key for the partner's, so they are not compared there.`,
    );
  return lines.join('\n');
}

export function renderReport(report: Report): string {
  const { machine, durations, plan } = report;
  return `# Benchmarks

Written by \`${report.command}\` (\`bench/\`); a benchmark, never a test. Each baseline's figure is followed by
**the hub's figure divided by it**, both measured in this run: for req/s above 1× means the hub is faster, for
latency, SQL statements and memory below 1× means the hub is cheaper. The machine is shared: read the ratios, not the
absolute figures.

- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB; Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAtStart.toFixed(1)} at the start; ${machine.date} UTC.
- Load: ${plan.connections} concurrent connections (autocannon; the naive SQL: as many \`pg\` clients), ${plan.rounds} rounds of ${plan.roundSeconds} s per system after a ${plan.warmupSeconds} s warm-up, systems interleaved round by round; a request times out at ${plan.timeoutSeconds} s. req/s counts clean answers only (HTTP 200 without GraphQL errors). p50/p99 are over every answer and every request still unanswered when its round ended, which counts as at least the time it had waited (≥: the system is slower than the round); a system that answers nothing within its first round gets no more rounds ("none in …"). Statements still running for clients that are gone are cancelled between rounds (the failed column counts them).
- Took ${Math.round(durations.total)} s: dataset ${durations.datasetBuilt ? `generated and loaded in ${Math.round(durations.dataset)} s` : `cached (template found in ${durations.dataset.toFixed(1)} s)`}, cloned in ${durations.clone.toFixed(1)} s, processes started in ${durations.start.toFixed(1)} s, answers checked in ${Math.round(durations.checks)} s, SQL counted in ${Math.round(durations.statements)} s, load ${Math.round(durations.load)} s, import scenario ${Math.round(durations.import)} s.

## Results

${mainTable(report)}

SQL/op: statements one request of the scenario sends, counted through an in-process hub (\`startHub\` with \`onSql\`) on the same database; for the hub ${[
    ...report.statements,
  ]
    .map(
      ([id, count]) =>
        `${id} ${count.total} (${Object.entries(count.bySubgraph)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')})`,
    )
    .join('; ')}. RSS: the process answering the clients (the gateway, the subgraph, the limit server).

## One request at a time

Before the load, every system answers each scenario's first request once, alone (that is how its answer is
checked against the hub's): the latency a lone caller sees, and a ratio even where the load rounds are too short
for a slow system to answer at all. It is each system's first request of the operation, so it includes its
query planning.

${singleTable(report)}

## Goals

${goals(report)}

## Import: new facts through the import path vs COPY

${importTable(report.importResult, report.importError)}

## Memory per process

${processTable(report)}

## Dataset

${datasetSection(report)}

## Notes

${notes(report)}
`;
}
