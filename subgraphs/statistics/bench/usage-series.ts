// `pnpm bench`: a yearly usage series for one unit over 1,000,000 fact rows, on real PostgreSQL (BENCH_DATABASE_URL,
// default the local server). Times are reported with a baseline measured in the same run (a one-row primary-key
// query through the same ORM), because the machines are noisy: the ratio is the figure to compare.
import { performance } from 'node:perf_hooks';
import { loadUnitsBundle } from '@motcua/admin-units';
import { openDatabase } from '@motcua/db';
import { createTestDatabase, median } from '@motcua/testkit';
import { createPartitionsSql, monthsFrom } from '../src/partitions/fact-partitions.ts';
import { usageSeries } from '../src/sql/analysis.ts';
import { statisticsSubgraph } from '../src/subgraph.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SERVICES = 100;
const UNITS = 200;
const MONTHS = 25;
const RUNS = 25;

async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const database = await createTestDatabase({ server: SERVER, prefix: 'motcua_bench' });
const orm = await openDatabase({
  owner: 'statistics',
  target: { kind: 'postgres', url: database.url },
  entities: statisticsSubgraph.entities,
  migrations: statisticsSubgraph.migrations,
});
try {
  const em = orm.em.fork();
  // Hà Nội's 126 communes first, then communes of other provinces: 200 units in all.
  const communes = loadUnitsBundle()
    .current.filter(([, , parent]) => parent !== null)
    .slice(0, UNITS);
  const started = performance.now();
  await em.execute(createPartitionsSql('?'), [JSON.stringify(monthsFrom('2024-10-01', MONTHS))]);
  await em.execute(
    `insert into statistics.data_source (id, name, publisher, illustrative, updated_at) values ('bench', 'Benchmark', 'bench', true, now())`,
  );
  await em.execute(
    `insert into statistics.dossier_figure (service_code, unit_code, province_code, month, channel, received, resolved_on_time, resolved_late, source_id)
     select '8.' || lpad(s::text, 6, '0'), u.code, u.province, (date '2024-10-01' + (m || ' month')::interval)::date, c.channel,
       r, r - (r / 20), r / 20, 'bench'
     from generate_series(1, ${SERVICES}) s
     cross join unnest(array[?]::text[], array[?]::text[]) as u(code, province)
     cross join generate_series(0, ${MONTHS - 1}) m
     cross join (values ('ONLINE'), ('IN_PERSON')) as c(channel)
     cross join lateral (select 20 + ((s * 7 + m * 13) % 80) as r) as received`,
    [communes.map(([code]) => code), communes.map(([, , parent]) => parent ?? '')],
  );
  await em.execute('analyze statistics.dossier_figure');
  const [{ rows } = { rows: 0 }] = await em.execute<{ rows: number }[]>(
    'select count(*)::int as rows from statistics.dossier_figure',
  );
  console.log(
    `loaded ${rows.toLocaleString('en')} fact rows in ${Math.round(performance.now() - started)} ms`,
  );

  const baseline = await time(() =>
    em.fork().execute(`select id from statistics.data_source where id = 'bench'`),
  );
  const range = { from: '2024-10', to: '2026-10' };
  const cases = [
    [
      'yearly series, one commune (00004)',
      () => usageSeries(em.fork(), 'YEAR', range, { unitCode: '00004' }),
    ],
    [
      'monthly series, one commune and one service',
      () => usageSeries(em.fork(), 'MONTH', range, { unitCode: '00004', serviceCode: '8.000001' }),
    ],
    [
      'yearly series, one province (01, 126 communes)',
      () => usageSeries(em.fork(), 'YEAR', range, { unitCode: '01' }),
    ],
    ['yearly series, everything (1,000,000 rows)', () => usageSeries(em.fork(), 'YEAR', range, {})],
  ] as const;
  console.log(`baseline (one-row primary-key query): ${baseline.toFixed(2)} ms (median of ${RUNS})`);
  for (const [label, run] of cases) {
    const ms = await time(run);
    console.log(`${label}: ${ms.toFixed(1)} ms = ${(ms / baseline).toFixed(0)}× baseline`);
  }
} finally {
  await orm.close();
  await database.drop();
}
