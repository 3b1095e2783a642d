// The import scenario: new facts through the hub's import path (`pnpm statistics:import`, the CLI a data officer
// runs) against PostgreSQL COPY of the very same file, each in a process of its own whose wall time and peak
// memory are measured. The import is measured at two sizes first; it runs at the target size (1,000,000 rows)
// only if, extrapolated from those, it would take at most a few minutes and a few GB. Otherwise the target is
// extrapolated (a straight line through the two points) and labelled so.
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFacts, IMPORT_CSV_HEADER, importCsvLine } from './generator/facts.ts';
import type { DatasetParameters } from './generator/parameters.ts';
import type { GeneratedService } from './generator/services.ts';
import { BENCH_SOURCE } from './loader/load-dataset.ts';
import { databaseUrl } from './loader/server.ts';
import { baseEnvironment, rootScript, runMeasured, WORK_DIR } from './processes.ts';

export type Measure = { rows: number; seconds: number; peakMb: number; extrapolated: boolean };

export type ImportResult = {
  target: number;
  imports: Measure[];
  copies: Measure[];
  /** Why the target size was not run through the import, when it was not. */
  reason: string | null;
};

const SIZES = { full: [10_000, 30_000], quick: [2_000, 4_000] } as const;
/** What "within a few minutes or within a few GB" means here. */
const LIMITS = { seconds: { full: 180, quick: 20 }, bytes: 6 * 2 ** 30 };

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The value at `n` of the straight line through two measures. */
function extrapolate(a: Measure, b: Measure, n: number): Measure {
  const at = (x1: number, x2: number) => x1 + ((x2 - x1) / (b.rows - a.rows)) * (n - a.rows);
  return {
    rows: n,
    seconds: at(a.seconds, b.seconds),
    peakMb: Math.round(at(a.peakMb, b.peakMb)),
    extrapolated: true,
  };
}

export async function importScenario(
  parameters: DatasetParameters,
  services: GeneratedService[],
  database: string,
  servicesUrl: string,
  logDir: string,
  log: (message: string) => void,
): Promise<ImportResult> {
  const [small, large] = SIZES[parameters.mode];
  const target = parameters.importRows;
  // Disjoint slices of one batch of new facts (months before the dataset's first): every row is an insert.
  const rows = [...generateFacts({ ...parameters, importRows: small + large + target }, services, 'import')];
  const url = databaseUrl(database);
  const env = { ...baseEnvironment(), DATABASE_URL: url, SERVICES_URL: servicesUrl };
  const file = join(WORK_DIR, `import-${process.pid}.csv`);
  const imports: Measure[] = [];
  const copies: Measure[] = [];

  const measure = async (from: number, count: number) => {
    writeFileSync(
      file,
      `${IMPORT_CSV_HEADER}\n${rows
        .slice(from, from + count)
        .map(importCsvLine)
        .join('\n')}\n`,
    );
    // COPY first, rolled back, so that the import then inserts the same rows into the same table.
    const copy = await runMeasured(
      'import-scenario-copy',
      `node bench/src/loader/copy-figures.ts`,
      [file, url, BENCH_SOURCE, '--rollback'],
      env,
      logDir,
    );
    if (copy.code !== 0) throw new Error(`COPY of the import batch failed: ${copy.output}`);
    copies.push({ rows: count, seconds: copy.seconds, peakMb: mb(copy.peakBytes), extrapolated: false });
    const imported = await runMeasured(
      'import-scenario-import',
      rootScript('statistics:import'),
      [file, '--source', BENCH_SOURCE],
      env,
      logDir,
    );
    if (imported.code !== 0) throw new Error(`The statistics import failed: ${imported.output}`);
    imports.push({
      rows: count,
      seconds: imported.seconds,
      peakMb: mb(imported.peakBytes),
      extrapolated: false,
    });
    log(
      `  ${count.toLocaleString('en')} rows: import ${imported.seconds.toFixed(1)} s, ${mb(imported.peakBytes)} MB; COPY ${copy.seconds.toFixed(1)} s, ${mb(copy.peakBytes)} MB`,
    );
  };

  try {
    await measure(0, small);
    await measure(small, large);
    const [a, b] = imports as [Measure, Measure];
    const projected = extrapolate(a, b, target);
    const tooSlow = projected.seconds > LIMITS.seconds[parameters.mode];
    const tooBig = projected.peakMb * 2 ** 20 > LIMITS.bytes;
    if (target > large && (tooSlow || tooBig)) {
      const [copyA, copyB] = copies as [Measure, Measure];
      imports.push(projected);
      copies.push(extrapolate(copyA, copyB, target));
      return {
        target,
        imports,
        copies,
        reason: `the import would take about ${Math.round(projected.seconds)} s and ${(projected.peakMb / 1024).toFixed(1)} GB for ${target.toLocaleString('en')} rows (from ${small.toLocaleString('en')} and ${large.toLocaleString('en')} rows)`,
      };
    }
    if (target > large) await measure(small + large, target);
    return { target, imports, copies, reason: null };
  } finally {
    try {
      unlinkSync(file);
    } catch {}
  }
}
