// The plans of the vintage queries at country scale: 5,000,000 facts imported a day ago, 20,000 of them corrected
// an hour ago, then EXPLAIN ANALYZE of the analyst questions today and as known before the corrections. Not a
// benchmark (one run each, on a shared machine): it shows what each statement reads. The database is kept
// (VINTAGE_PLANS_DATABASE, default vintages_plans on the local server) so that a second run skips the load; any
// database already holding facts and corrections is read as it is (a clone of `pnpm bench`'s template, say),
// migrated first. The vintage asked is the moment just before the first correction.
//   node subgraphs/statistics/bench/vintage-plans.ts

import type { SqlEntityManager } from '@mikro-orm/sql';
import { loadUnitsBundle } from '@motcua/admin-units';
import { openDatabase } from '@motcua/db';
import pg from 'pg';
import { createPartitionsSql, monthsFrom } from '../src/partitions/fact-partitions.ts';
import { parsePeriod, previousPeriod } from '../src/periods.ts';
import { usageBreakdown, usageRanking, usageSeries } from '../src/sql/analysis.ts';
import { serviceIndexPage } from '../src/sql/service-index.ts';
import { usageByKeys } from '../src/sql/usage.ts';
import { statisticsSubgraph } from '../src/subgraph.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = process.env.VINTAGE_PLANS_DATABASE ?? 'vintages_plans';
const SERVICES = 500;
const UNITS = 1_000;
const MONTHS = 5;
const CORRECTED = 20_000;

const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
const exists = (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount;
if (!exists) await admin.query(`create database "${NAME}"`);
await admin.end();
const url = new URL(SERVER);
url.pathname = `/${NAME}`;

const orm = await openDatabase({
  owner: 'statistics',
  target: { kind: 'postgres', url: url.toString() },
  entities: statisticsSubgraph.entities,
  migrations: statisticsSubgraph.migrations,
});
const em = orm.em.fork() as SqlEntityManager;
const [{ facts } = { facts: 0 }] = await em.execute<{ facts: number }[]>(
  'select count(*)::int as facts from statistics.dossier_figure',
);
if (facts === 0) {
  const started = Date.now();
  const communes = loadUnitsBundle()
    .current.filter(([, , parent]) => parent !== null)
    .slice(0, UNITS);
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into statistics.data_source (id, name, publisher, illustrative, updated_at) values ('bench', 'Benchmark', 'bench', true, now())`,
    );
    await tx.execute(createPartitionsSql('?'), [JSON.stringify(monthsFrom('2025-07-01', MONTHS))]);
    await tx.execute('alter table statistics.dossier_figure disable trigger dossier_figure_aggregate_insert');
    await tx.execute(
      `insert into statistics.dossier_figure (service_code, unit_code, province_code, month, channel, received, resolved_on_time, resolved_late, source_id, imported_at)
       select '8.' || lpad(s::text, 6, '0'), u.code, u.province, (date '2025-07-01' + (m || ' month')::interval)::date, c.channel,
         r, r - (r / 20), r / 20, 'bench', now() - interval '1 day'
       from generate_series(1, ${SERVICES}) s
       cross join unnest(array[?]::text[], array[?]::text[]) as u(code, province)
       cross join generate_series(0, ${MONTHS - 1}) m
       cross join (values ('ONLINE'), ('IN_PERSON')) as c(channel)
       cross join lateral (select 20 + ((s * 7 + m * 13) % 80) as r) as received`,
      [communes.map(([code]) => code), communes.map(([, , parent]) => parent ?? '')],
    );
    await tx.execute('alter table statistics.dossier_figure enable trigger dossier_figure_aggregate_insert');
    await tx.execute('select statistics.rebuild_usage_aggregates()');
  });
  // Corrections as an import makes them: the values before and after in the log, the fact updated, an hour ago.
  await em.transactional(async (tx) => {
    const batch = crypto.randomUUID();
    await tx.execute(
      `with picked as (select id from statistics.dossier_figure where id % ${Math.floor((SERVICES * UNITS * MONTHS * 2) / CORRECTED)} = 0),
        revised as (
          insert into statistics.figure_revision (figure_id, service_code, unit_code, province_code, month, channel,
            batch_id, revised_at, previous, current)
          select f.id, f.service_code, f.unit_code, f.province_code, f.month, f.channel, ?::uuid, now() - interval '1 hour',
            jsonb_build_object('received', f.received, 'resolved_on_time', f.resolved_on_time, 'source_id', f.source_id),
            jsonb_build_object('received', f.received + 5, 'resolved_on_time', f.resolved_on_time, 'source_id', f.source_id)
          from statistics.dossier_figure f join picked using (id) returning figure_id)
       update statistics.dossier_figure f set received = received + 5, revised_at = now() - interval '1 hour'
       from revised where f.id = revised.figure_id`,
      [batch],
    );
    await tx.execute(
      `insert into statistics.import_batch (id, source_id, imported_at, rows, inserted, corrected, unchanged) values (?, 'bench', now(), ${CORRECTED}, 0, ${CORRECTED}, 0)`,
      [batch],
    );
  });
  await em.execute('analyze');
  console.log(
    `loaded ${SERVICES * UNITS * MONTHS * 2} facts, ${CORRECTED} corrected, in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

/** An entity manager whose statements are explained (and analysed) instead of answered. */
function explaining(label: string): SqlEntityManager {
  return new Proxy(em, {
    get(target, property, receiver) {
      if (property !== 'execute') return Reflect.get(target, property, receiver);
      return async (sql: string, params: unknown[]) => {
        if (!/^\s*(select|with|\()/i.test(sql)) return target.execute(sql, params);
        if (process.env.ONLY && !label.includes(process.env.ONLY)) return [];
        const plan = await target.execute<{ 'QUERY PLAN': string }[]>(
          `explain (analyze, buffers) ${sql}`,
          params,
        );
        const lines = plan.map((row) => row['QUERY PLAN']);
        console.log(
          `\n## ${label}\n${lines.filter((line) => /Execution Time|Planning Time/.test(line)).join('\n')}`,
        );
        if (process.env.VERBOSE) console.log(lines.join('\n'));
        return [];
      };
    },
  });
}

const [{ corrected } = { corrected: null }] = await em.execute<{ corrected: Date | null }[]>(
  `select min(revised_at) - interval '1 millisecond' as corrected from statistics.figure_revision`,
);
if (!corrected) throw new Error(`${NAME} has facts but no corrections`);
const beforeCorrections = new Date(corrected);
const [{ after } = { after: 0 }] = await em.execute<{ after: number }[]>(
  'select count(*)::int as after from statistics.figure_revision where revised_at > ?',
  [beforeCorrections],
);
console.log(`asOf ${beforeCorrections.toISOString()}: ${after.toLocaleString('en')} corrections after it`);
// The months asked (VINTAGE_PLANS_FROM, _TO: the loaded months by default; a wider range for a bench clone).
const range = {
  from: process.env.VINTAGE_PLANS_FROM ?? '2025-07',
  to: process.env.VINTAGE_PLANS_TO ?? '2025-11',
};
for (const [name, asOf] of [
  ['today', null],
  ['asOf before the corrections', beforeCorrections],
] as const) {
  const filters = { asOf };
  await usageByKeys(explaining(`${name}: usage, the whole country`), 'all', ['all'], { ...range, asOf });
  await usageSeries(explaining(`${name}: monthly series, one province (01)`), 'MONTH', range, {
    unitCode: '01',
    ...filters,
  });
  await usageSeries(explaining(`${name}: monthly series, one commune (00004)`), 'MONTH', range, {
    unitCode: '00004',
    ...filters,
  });
  await usageBreakdown(explaining(`${name}: breakdown by province, the country`), 'PROVINCE', range, filters);
  await usageBreakdown(explaining(`${name}: breakdown by unit, the country`), 'UNIT', range, filters);
  await usageBreakdown(explaining(`${name}: breakdown by service, the country`), 'SERVICE', range, filters);
  await usageSeries(explaining(`${name}: series, one service in one commune (raw facts)`), 'MONTH', range, {
    unitCode: '00004',
    serviceCode: '8.000001',
    ...filters,
  });
  await usageRanking(
    explaining(`${name}: ranking of Hà Nội's communes`),
    'ONLINE_RATE',
    'COMMUNE',
    '2025-Q4',
    500,
    '01',
    asOf,
  );
  const quarter = parsePeriod('2025-Q4');
  await serviceIndexPage(explaining(`${name}: service index ranking of Hà Nội's communes`), {
    level: 'COMMUNE',
    current: quarter,
    previous: previousPeriod(quarter),
    within: '01',
    limit: 51,
    asOf,
  });
}
await usageSeries(
  explaining('updatedAfter before the corrections: monthly series, the country'),
  'MONTH',
  range,
  {
    updatedAfter: beforeCorrections,
  },
);
await orm.close();
