// Builds the benchmark's database: the hub's own processes create and migrate their schemas (and seed the example
// data and the administrative units, as in development), then the dataset goes in through the hub's import paths
// where they exist and by COPY where the hub has none. Each step says which way it went, in the manifest stored in
// the database itself (motcua_bench.manifest), which the report prints.
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateArticles } from '../generator/articles.ts';
import {
  type FactRow,
  generateFacts,
  IMPORT_CSV_HEADER,
  importCsvLine,
  monthsBetween,
} from '../generator/facts.ts';
import { generateOfferings } from '../generator/offerings.ts';
import type { DatasetParameters } from '../generator/parameters.ts';
import { generateServices } from '../generator/services.ts';
import { loadUnits } from '../generator/units.ts';
import { startHubParts } from '../hub-parts.ts';
import { baseEnvironment, rootScript, runMeasured, WORK_DIR } from '../processes.ts';
import { withAggregatesRebuiltAfter, withIndexesRebuiltAfter } from './bulk-load.ts';
import { copyLines, copyRows } from './copy.ts';
import { CREATE_PARTITIONS, FACT_COLUMNS, factCopyLine } from './fact-rows.ts';
import {
  connectServer,
  createDatabase,
  databaseExists,
  databaseUrl,
  dropDatabase,
  listDatabases,
  renameDatabase,
  withDatabase,
} from './server.ts';
import { buildName, datasetKey, templateName, templatePrefix } from './template-cache.ts';

/** The data source every generated figure names (the hub has no import for data sources). */
export const BENCH_SOURCE = 'motcua-bench';

/** Ports of the subgraphs started while building (the run's own live at 5100–5104). */
const BUILD_PORTS = { gateway: 5149, services: 5141, statistics: 5142, news: 5143, access: 5144 };

/** The import path is used for all the facts only if, from a first chunk, it would load them within this. */
const IMPORT_BUDGET_SECONDS = { full: 150, quick: 30 };
/** Rows of the first chunk sent through the statistics import (it holds a whole batch in memory). */
const PROBE_ROWS = 25_000;
/** The most resident memory a chunk may make the importing process take. */
const IMPORT_MEMORY_LIMIT = 2.5 * 2 ** 30;

export type LoadStep = {
  what: string;
  rows: number;
  /** How it went in: the hub's import path, COPY, or the hub's own development seed. */
  path: string;
  seconds: number;
  peakMb?: number;
};

export type Manifest = {
  key: string;
  parameters: DatasetParameters;
  builtAt: string;
  buildSeconds: number;
  steps: LoadStep[];
  counts: Record<string, number>;
};

type Log = (message: string) => void;

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Runs one of the hub's import CLIs (the command its package.json script runs) and fails on a refusal. */
async function runImport(
  script: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
  name: string,
) {
  const result = await runMeasured(name, rootScript(script), args, env, logDir);
  if (result.code !== 0)
    throw new Error(`${script} ${args.join(' ')} failed (exit ${result.code}):\n${result.output}`);
  return result;
}

function writeFactsCsv(file: string, rows: FactRow[]): void {
  writeFileSync(file, `${IMPORT_CSV_HEADER}\n${rows.map(importCsvLine).join('\n')}\n`);
}

/** Rows of a generator in chunks of `size`. */
function* chunks<T>(rows: Iterable<T>, size: () => number): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size()) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

async function build(parameters: DatasetParameters, key: string, database: string, logDir: string, log: Log) {
  const started = performance.now();
  const steps: LoadStep[] = [];
  const step = (entry: LoadStep) => {
    steps.push(entry);
    log(
      `  ${entry.what}: ${entry.rows.toLocaleString('en')} rows by ${entry.path} in ${entry.seconds.toFixed(1)} s${entry.peakMb ? ` (peak ${entry.peakMb} MB)` : ''}`,
    );
  };
  const url = databaseUrl(database);
  let clock = performance.now();
  const parts = await startHubParts(url, BUILD_PORTS, logDir, { gateway: false });
  step({
    what: 'schemas, administrative units, example data',
    rows: 0,
    path: "the subgraphs' own start (migrations, development seed)",
    seconds: (performance.now() - clock) / 1000,
  });
  const importEnv = { ...baseEnvironment(), DATABASE_URL: url, SERVICES_URL: parts.subgraphUrls.services };
  try {
    const services = generateServices(parameters);
    const catalogFile = join(WORK_DIR, `services-${parameters.mode}-${key}.json`);
    writeFileSync(catalogFile, JSON.stringify(services));
    const catalog = await runImport('catalog:import', [catalogFile], importEnv, logDir, 'catalog-import');
    unlinkSync(catalogFile);
    step({
      what: 'services',
      rows: services.length,
      path: 'pnpm catalog:import',
      seconds: catalog.seconds,
      peakMb: mb(catalog.peakBytes),
    });

    await withDatabase(database, async (client) => {
      clock = performance.now();
      const { rows } = await client.query<{ code: string; id: string }>(
        `select code, id from services.public_service where code like '8.%'`,
      );
      const ids = new Map(rows.map((row) => [row.code, row.id]));
      const offerings = await withIndexesRebuiltAfter(client, 'services.service_offering', () =>
        copyRows(
          client,
          'services.service_offering',
          ['service_id', 'unit_code', 'online_level'],
          (function* () {
            for (const offering of generateOfferings(parameters, services)) {
              yield [ids.get(offering.serviceCode) ?? '', offering.unitCode, offering.onlineLevel];
            }
          })(),
        ),
      );
      step({
        what: 'offerings',
        rows: offerings,
        path: 'COPY (no import path)',
        seconds: (performance.now() - clock) / 1000,
      });
      await client.query(
        `insert into statistics.data_source (id, name, publisher, methodology, illustrative, updated_at)
         values ($1, 'Generated figures (pnpm bench)', 'motcua bench', 'Deterministic synthetic data, see bench/src/generator', true, now())
         on conflict (id) do nothing`,
        [BENCH_SOURCE],
      );
      // The facts are partitioned by month with no default partition: the COPY below needs the dataset's months'.
      await client.query(CREATE_PARTITIONS, [
        JSON.stringify(
          monthsBetween(parameters.firstMonth, parameters.lastMonth).map((month) => `${month}-01`),
        ),
      ]);
    });

    // Facts: a first chunk through the statistics import; the rest too if the import can take it in time and
    // memory, else by COPY (the import holds a whole batch in memory and sends it as one JSON literal).
    const originals = generateFacts(parameters, services, 'originals');
    const chunkFile = join(WORK_DIR, `facts-${parameters.mode}-${key}.csv`);
    const totalRows = (() => {
      let count = 0;
      for (const _ of generateFacts(parameters, services, 'originals')) count++;
      return count;
    })();
    let chunkSize = PROBE_ROWS;
    let imported = 0;
    let importSeconds = 0;
    let importPeak = 0;
    let viaImport = true;
    const source = chunks(originals, () => chunkSize);
    // Pulled by hand: leaving a for-of would close the generator, and COPY resumes it where the import stopped.
    for (let next = source.next(); !next.done; next = source.next()) {
      const chunk = next.value;
      writeFactsCsv(chunkFile, chunk);
      const result = await runImport(
        'statistics:import',
        [chunkFile, '--source', BENCH_SOURCE],
        importEnv,
        logDir,
        'facts-import',
      );
      imported += chunk.length;
      importSeconds += result.seconds;
      importPeak = Math.max(importPeak, result.peakBytes);
      const projected = ((totalRows - imported) / imported) * importSeconds;
      if (projected > IMPORT_BUDGET_SECONDS[parameters.mode]) {
        viaImport = false;
        log(
          `  facts: the statistics import took ${importSeconds.toFixed(1)} s and ${mb(importPeak)} MB for ${imported.toLocaleString('en')} rows; the other ${(totalRows - imported).toLocaleString('en')} would take about ${Math.round(projected)} s: they go in by COPY`,
        );
        break;
      }
      chunkSize = Math.max(
        PROBE_ROWS,
        Math.min(1_000_000, Math.floor((chunk.length * IMPORT_MEMORY_LIMIT) / Math.max(1, result.peakBytes))),
      );
    }
    unlinkSync(chunkFile);
    step({
      what: 'facts (originals)',
      rows: imported,
      path: 'pnpm statistics:import',
      seconds: importSeconds,
      peakMb: mb(importPeak),
    });
    if (!viaImport) {
      clock = performance.now();
      const copied = await withDatabase(database, (client) =>
        withIndexesRebuiltAfter(client, 'statistics.dossier_figure', () =>
          withAggregatesRebuiltAfter(client, () =>
            copyLines(
              client,
              'statistics.dossier_figure',
              FACT_COLUMNS,
              (function* () {
                // The generator resumes after the rows the import took.
                for (const chunk of source) for (const row of chunk) yield factCopyLine(row, BENCH_SOURCE);
              })(),
            ),
          ),
        ),
      );
      step({
        what: 'facts (originals)',
        rows: copied,
        path: 'COPY (the import is too slow at this size)',
        seconds: (performance.now() - clock) / 1000,
      });
    }

    // Corrections always go through the import: revising figures (and logging the revisions) is its job.
    let corrected = 0;
    let correctionSeconds = 0;
    let correctionPeak = 0;
    for (const chunk of chunks(generateFacts(parameters, services, 'corrections'), () => 50_000)) {
      writeFactsCsv(chunkFile, chunk);
      const result = await runImport(
        'statistics:import',
        [chunkFile, '--source', BENCH_SOURCE],
        importEnv,
        logDir,
        'corrections-import',
      );
      corrected += chunk.length;
      correctionSeconds += result.seconds;
      correctionPeak = Math.max(correctionPeak, result.peakBytes);
    }
    unlinkSync(chunkFile);
    step({
      what: 'facts (corrections)',
      rows: corrected,
      path: 'pnpm statistics:import',
      seconds: correctionSeconds,
      peakMb: mb(correctionPeak),
    });

    await withDatabase(database, async (client) => {
      clock = performance.now();
      const { articles, changes } = generateArticles(parameters, services);
      await withIndexesRebuiltAfter(client, 'news.article', () =>
        copyRows(
          client,
          'news.article',
          [
            'id',
            'slug',
            'headline',
            'summary',
            'body_html',
            'body_text',
            'language',
            'translation_group',
            'kind',
            'byline',
            'topic_codes',
            'licence',
            'service_codes',
            'unit_codes',
            'status',
            'embargo_until',
            'published_at',
            'withdrawn_reason',
            'version',
            'feed_version_all',
            'feed_version_embargoed',
            'created_at',
            'updated_at',
          ],
          articles.map((a) => [
            a.id,
            a.slug,
            a.headline,
            a.summary,
            a.bodyHtml,
            a.bodyText,
            a.language,
            a.translationGroup,
            a.kind,
            a.byline,
            a.topicCodes,
            a.licence,
            a.serviceCodes,
            a.unitCodes,
            a.status,
            a.embargoUntil,
            a.publishedAt,
            a.withdrawnReason,
            a.version,
            a.feedVersionAll,
            a.feedVersionEmbargoed,
            a.createdAt,
            a.updatedAt,
          ]),
        ),
      );
      await withIndexesRebuiltAfter(client, 'news.article_change', () =>
        copyRows(
          client,
          'news.article_change',
          ['article_id', 'version', 'kind', 'audience', 'changed_at'],
          changes.map((c) => [c.articleId, c.version, c.kind, c.audience, c.changedAt]),
        ),
      );
      step({
        what: 'articles',
        rows: articles.length,
        path: 'COPY (no import path)',
        seconds: (performance.now() - clock) / 1000,
      });
      step({ what: 'partner feed log', rows: changes.length, path: 'COPY (no import path)', seconds: 0 });

      // The benchmark's own tables: the manifest, and the 2025 roll-up computed from the bundle for the naive SQL.
      await client.query('create schema if not exists motcua_bench');
      await client.query(
        'create table motcua_bench.unit_rollup (old_code text primary key, new_code text not null, new_province_code text not null, partial boolean not null)',
      );
      await copyRows(
        client,
        'motcua_bench.unit_rollup',
        ['old_code', 'new_code', 'new_province_code', 'partial'],
        [...loadUnits().rollup].map(([oldCode, target]) => [
          oldCode,
          target.newCode,
          target.newProvinceCode,
          target.partial,
        ]),
      );
      clock = performance.now();
      // Every run starts from the same settled state (visibility map, planner statistics), not from autovacuum's.
      await client.query('vacuum (analyze)');
      step({
        what: 'vacuum and analyze',
        rows: 0,
        path: 'VACUUM (ANALYZE)',
        seconds: (performance.now() - clock) / 1000,
      });
    });
  } finally {
    await parts.stop();
  }
  const counts = await withDatabase(database, async (client) => {
    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    return {
      provinces: await count(
        `select count(*) as n from services.administrative_unit where parent_code is null and valid_to is null`,
      ),
      communes: await count(
        `select count(*) as n from services.administrative_unit where parent_code is not null and valid_to is null`,
      ),
      dissolvedUnits: await count(
        `select count(*) as n from services.administrative_unit where valid_to is not null`,
      ),
      services: await count('select count(*) as n from services.public_service'),
      offerings: await count('select count(*) as n from services.service_offering'),
      facts: await count('select count(*) as n from statistics.dossier_figure'),
      revisions: await count('select count(*) as n from statistics.figure_revision'),
      articles: await count('select count(*) as n from news.article'),
      feedChanges: await count('select count(*) as n from news.article_change'),
    };
  });
  const manifest: Manifest = {
    key,
    parameters,
    builtAt: new Date().toISOString(),
    buildSeconds: (performance.now() - started) / 1000,
    steps,
    counts,
  };
  await withDatabase(database, async (client) => {
    await client.query('create table motcua_bench.manifest (value jsonb not null)');
    await client.query('insert into motcua_bench.manifest (value) values ($1)', [JSON.stringify(manifest)]);
  });
  return manifest;
}

export type Dataset = { template: string; built: boolean; seconds: number };

/**
 * The template for these parameters: the cached one, or a new one built now (`fresh` rebuilds it). Concurrent runs
 * with the same key wait for each other on an advisory lock instead of building twice.
 */
export async function ensureDataset(
  parameters: DatasetParameters,
  { fresh, logDir, log }: { fresh: boolean; logDir: string; log: Log },
): Promise<Dataset> {
  const started = performance.now();
  const key = datasetKey(parameters);
  const template = templateName(parameters, key);
  const admin = await connectServer();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    if (fresh) await dropDatabase(admin, template);
    if (await databaseExists(admin, template)) {
      return { template, built: false, seconds: (performance.now() - started) / 1000 };
    }
    log(`building the ${parameters.mode} dataset ${template} (no cached template for key ${key})`);
    const building = buildName(parameters, key);
    await dropDatabase(admin, building);
    await createDatabase(admin, building);
    try {
      await build(parameters, key, building, logDir, log);
    } catch (error) {
      await dropDatabase(admin, building);
      throw error;
    }
    await renameDatabase(admin, building, template);
    // Older templates of the same mode are of no further use, and take gigabytes.
    for (const name of await listDatabases(admin, templatePrefix(parameters))) {
      if (name !== template) await dropDatabase(admin, name);
    }
    return { template, built: true, seconds: (performance.now() - started) / 1000 };
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
    await admin.end();
  }
}

/** A database of its own for this run, cloned from the template (the run adds keys, and the import scenario rows). */
export async function cloneDataset(template: string, database: string): Promise<number> {
  const started = performance.now();
  const admin = await connectServer();
  try {
    await dropDatabase(admin, database);
    await createDatabase(admin, database, template);
  } finally {
    await admin.end();
  }
  return (performance.now() - started) / 1000;
}

export async function readManifest(database: string): Promise<Manifest> {
  return withDatabase(database, async (client) => {
    const { rows } = await client.query<{ value: Manifest }>('select value from motcua_bench.manifest');
    if (!rows[0]) throw new Error(`${database} has no benchmark manifest`);
    return rows[0].value;
  });
}

export { databaseExists };
