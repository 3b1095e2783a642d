// `pnpm bench:partitions [--template <database>] [--sizes 1000000,5000000] [--runs 5]`: the facts unpartitioned
// and partitioned by month (migration 0015), at each size, on real PostgreSQL (BENCH_DATABASE_URL, default the
// local server). The facts come from `pnpm bench`'s template database (motcua_bench_tpl_full_*, the newest unless
// --template names one; it is only read, as a template): each size is a clone, cut down to that many facts (every
// k-th id, so every month keeps its share), migrated to before 0015 ("flat"), and a clone of that migrated through
// 0015 ("partitioned", the migration timed). Then, on both, the same SQL: the bytes of table and indexes; EXPLAIN
// ANALYZE (median of --runs) of a commune's 5-year series from the raw facts and of one month's country-wide scan;
// the archive of one month as DELETE (the aggregates' delete trigger off, as the rule keeps them) against DETACH +
// DROP, both rolled back; the write of a new month (a month's facts copied to a month with none, the aggregate
// trigger on, the partition made in the transaction as the import does), rolled back. The clones are dropped.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '@motcua/db';
import { median } from '@motcua/testkit';
import pg from 'pg';
import { migrations } from '../src/migrations/index.ts';
import { statisticsSubgraph } from '../src/subgraph.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { values } = parseArgs({
  options: {
    template: { type: 'string' },
    sizes: { type: 'string', default: '1000000,5000000' },
    runs: { type: 'string', default: '5' },
  },
});
const RUNS = Number(values.runs);
const SIZES = (values.sizes ?? '').split(',').map(Number);

const urlOf = (name: string) => {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
};
async function connect(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urlOf(name) });
  await client.connect();
  return client;
}

const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
const template =
  values.template ??
  (
    await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'motcua\\_bench\\_tpl\\_full\\_%' order by oid desc limit 1`,
    )
  ).rows[0]?.datname;
if (!template) {
  console.error('No template database (motcua_bench_tpl_full_*): run `pnpm bench` once, or pass --template');
  process.exit(1);
}

async function clone(name: string, from: string) {
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}" template "${from}" strategy file_copy`);
}

/** Migrates `name` with the statistics migrations up to `count` of them, and returns how long it took. */
async function migrate(name: string, count: number): Promise<number> {
  const started = performance.now();
  const orm = await openDatabase({
    owner: statisticsSubgraph.name,
    target: { kind: 'postgres', url: urlOf(name) },
    entities: statisticsSubgraph.entities,
    migrations: migrations.slice(0, count),
  });
  await orm.close();
  return (performance.now() - started) / 1000;
}

/** Median planning + execution time (ms) of EXPLAIN ANALYZE of `sql`, and the relations its plan reads. */
async function explained(client: pg.Client, sql: string, params: unknown[] = []) {
  const times: number[] = [];
  const relations = new Set<string>();
  for (let run = 0; run <= RUNS; run++) {
    const { rows } = await client.query(`explain (analyze, format json) ${sql}`, params);
    type Plan = { 'Execution Time': number; 'Planning Time': number; Plan: unknown };
    const plan = (rows[0] as { 'QUERY PLAN': [Plan] })['QUERY PLAN'][0];
    // Planning counts: a plan over many partitions costs more to make.
    if (run > 0) times.push(plan['Planning Time'] + plan['Execution Time']);
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const relation = (node as Record<string, unknown>)['Relation Name'];
      if (typeof relation === 'string') relations.add(relation);
      for (const value of Object.values(node)) walk(value);
    };
    walk(plan.Plan);
  }
  return {
    ms: median(times),
    partitions: [...relations].filter((name) => /_\d{4}_\d{2}$/.test(name)).length,
  };
}

/** Median wall time (ms) of `work` run in a transaction that is rolled back. */
async function rolledBack(client: pg.Client, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    await client.query('begin');
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    await client.query('rollback');
    if (run > 0) times.push(ms);
  }
  return median(times);
}

type Figures = Record<string, number | string>;

async function measure(name: string, partitioned: boolean): Promise<Figures> {
  const client = await connect(name);
  try {
    await client.query('set max_parallel_workers_per_gather = 0');
    await client.query('analyze statistics.dossier_figure');
    const [size] = (
      await client.query<{ facts: string; heap: string; indexes: string }>(
        `select (select count(*) from statistics.dossier_figure) as facts,
           sum(pg_table_size(relid)) as heap, sum(pg_indexes_size(relid)) as indexes
         from (select relid from pg_partition_tree('statistics.dossier_figure') where isleaf
           -- A table that is not partitioned is no tree: itself.
           union select 'statistics.dossier_figure'::regclass where not exists
             (select from pg_partitioned_table where partrelid = 'statistics.dossier_figure'::regclass)) as t`,
      )
    ).rows;
    // The commune with the most facts, its 5 years up to the last month stored; the month in the middle.
    const [pick] = (
      await client.query<{ unit: string; last: string; middle: string; first: string }>(
        `select (select unit_code from statistics.dossier_figure where month = (select max(month) from statistics.dossier_figure)
                 and length(unit_code) = 5 group by 1 order by count(*) desc limit 1) as unit,
           to_char(max(month), 'YYYY-MM-DD') as last, to_char(min(month), 'YYYY-MM-DD') as first,
           to_char(min(month) + (max(month) - min(month)) / 2, 'YYYY-MM-01') as middle
         from statistics.dossier_figure`,
      )
    ).rows;
    if (!pick) throw new Error('no facts');
    const series = await explained(
      client,
      `select month, sum(received), sum(resolved_on_time) from statistics.dossier_figure
       where unit_code = $1 and month between ($2::date - interval '59 months') and $2::date group by month`,
      [pick.unit, pick.last],
    );
    const month = await explained(
      client,
      `select province_code, sum(received), count(*) from statistics.dossier_figure where month = $1::date group by 1`,
      [pick.middle],
    );
    const partition = `dossier_figure_${pick.first.slice(0, 7).replace('-', '_')}`;
    const archive = partitioned
      ? await rolledBack(client, async () => {
          // As the archive does: the month's revisions go first (they name its facts).
          await client.query(`delete from statistics.figure_revision where month = $1::date`, [pick.first]);
          await client.query(
            `alter table statistics.dossier_figure detach partition statistics.${partition}`,
          );
          await client.query(`drop table statistics.${partition}`);
        })
      : await rolledBack(client, async () => {
          await client.query(
            'alter table statistics.dossier_figure disable trigger dossier_figure_aggregate_delete',
          );
          await client.query(`delete from statistics.figure_revision where month = $1::date`, [pick.first]);
          await client.query(`delete from statistics.dossier_figure where month = $1::date`, [pick.first]);
        });
    const columns = `service_code, unit_code, province_code, month, channel, received, resolved_on_time, resolved_late, pending, rejected, paid_online, field_code, source_id`;
    const write = await rolledBack(client, async () => {
      if (partitioned) {
        await client.query(`select statistics.create_fact_partitions(array[date '2000-01-01'])`);
      }
      await client.query(
        `insert into statistics.dossier_figure (${columns})
         select ${columns.replace('month', `date '2000-01-01'`)} from statistics.dossier_figure where month = $1::date`,
        [pick.middle],
      );
    });
    const [rows] = (
      await client.query<{ n: string }>(
        'select count(*) as n from statistics.dossier_figure where month = $1::date',
        [pick.middle],
      )
    ).rows;
    return {
      facts: Number(size?.facts),
      'heap MB': (Number(size?.heap) / 1048576).toFixed(0),
      'index MB': (Number(size?.indexes) / 1048576).toFixed(0),
      'series ms (5y, 1 commune, plan + run)': series.ms.toFixed(1),
      'series partitions read': partitioned ? series.partitions : '-',
      'month scan ms (plan + run)': month.ms.toFixed(1),
      'month scan partitions read': partitioned ? month.partitions : '-',
      'archive 1 month ms': archive.toFixed(1),
      'write 1 month ms': write.toFixed(0),
      'rows in a month': Number(rows?.n),
    };
  } finally {
    await client.end();
  }
}

const results: Record<string, Figures> = {};
const beforePartitions = migrations.findIndex((migration) => migration.name.includes('0015'));
try {
  const source = await connect(template);
  const [{ facts } = { facts: '0' }] = (
    await source.query<{ facts: string }>('select count(*) as facts from statistics.dossier_figure')
  ).rows;
  await source.end();
  console.log(`template ${template}: ${Number(facts).toLocaleString('en')} facts`);
  for (const size of SIZES) {
    const flat = `motcua_bench_parts_flat_${size}`;
    const parted = `motcua_bench_parts_part_${size}`;
    await clone(flat, template);
    let started = performance.now();
    const every = Math.max(1, Math.round(Number(facts) / size));
    if (every > 1) {
      const client = await connect(flat);
      await client.query('alter table statistics.dossier_figure disable trigger user');
      await client.query(`delete from statistics.dossier_figure where id % ${every} <> 0`);
      await client.query('alter table statistics.dossier_figure enable trigger user');
      await client.query('select statistics.rebuild_usage_aggregates()');
      await client.query('vacuum full analyze statistics.dossier_figure');
      await client.end();
    }
    await migrate(flat, beforePartitions);
    console.log(`${size}: flat copy ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await clone(parted, flat);
    const migration = await migrate(parted, migrations.length);
    console.log(`${size}: migration 0015 took ${migration.toFixed(1)} s`);
    started = performance.now();
    results[`${size} flat`] = await measure(flat, false);
    results[`${size} partitioned`] = {
      ...(await measure(parted, true)),
      'migration 0015 s': migration.toFixed(1),
    };
    console.log(`${size}: measured in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await admin.query(`drop database "${flat}" with (force)`);
    await admin.query(`drop database "${parted}" with (force)`);
  }
} finally {
  await admin.end();
}
const rows = [...new Set(Object.values(results).flatMap((figures) => Object.keys(figures)))];
console.log(`\n| | ${Object.keys(results).join(' | ')} |`);
console.log(
  `|---|${Object.keys(results)
    .map(() => '---:')
    .join('|')}|`,
);
for (const row of rows) {
  console.log(
    `| ${row} | ${Object.values(results)
      .map((figures) => figures[row] ?? '')
      .join(' | ')} |`,
  );
}
