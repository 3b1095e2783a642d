// `pnpm bench:import [rows…]` (default 10000 1000000): the statistics import CLI (`pnpm statistics:import`, a
// process of its own) against PostgreSQL COPY of the same file (bench/src/loader/copy-figures.ts, rolled back),
// each timed and its peak memory sampled, on a fresh database of the local server (BENCH_DATABASE_URL). The
// catalog the import asks is a stand-in that knows every code, so only the import is measured. Never a test.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadUnitsBundle } from '@motcua/admin-units';
import { openDatabase } from '@motcua/db';
import { createTestDatabase } from '@motcua/testkit';
import { statisticsSubgraph } from '../src/subgraph.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = new URL('../../../', import.meta.url).pathname;
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const SOURCE = 'bench-import';
const SERVICES = Array.from({ length: 100 }, (_, index) => `1.${String(900_000 + index).padStart(6, '0')}`);
const CHANNELS = ['ONLINE', 'IN_PERSON', 'POST'];

const communes = loadUnitsBundle()
  .current.filter(([, , parent]) => parent !== null)
  .map(([code]) => code);

/** `rows` distinct figures (service × commune × channel × month from 2025-08), as the import's CSV. */
async function writeFile(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'serviceCode,unitCode,month,channel,received,resolvedOnTime,resolvedLate,pending,rejected,paidOnline,fieldCode\n',
  );
  const perMonth = SERVICES.length * communes.length * CHANNELS.length;
  for (let index = 0; index < rows; index++) {
    const service = SERVICES[index % SERVICES.length];
    const unit = communes[Math.floor(index / SERVICES.length) % communes.length];
    const channel = CHANNELS[Math.floor(index / (SERVICES.length * communes.length)) % CHANNELS.length];
    const month = `2025-${String(8 + Math.floor(index / perMonth)).padStart(2, '0')}`;
    const received = 10 + (index % 90);
    const line = `${service},${unit},${month},${channel},${received},${received - 5},3,1,1,${index % 7},tu-phap\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Runs a Node script as a process of its own, sampling its peak resident memory (Linux). */
function measured(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ seconds: number; peakMb: number; output: string }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
    });
    child.stderr.on('data', (data) => {
      output += data;
    });
    let peak = 0;
    const timer = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peak = Math.max(peak, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
      } catch {}
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${script} failed: ${output}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb: Math.round(peak), output });
    });
  });
}

const catalog = createServer((req, res) => {
  let body = '';
  req.on('data', (data) => {
    body += data;
  });
  req.on('end', () => {
    const { variables } = JSON.parse(body) as { variables: { representations: { code: string }[] } };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { _entities: variables.representations.map(({ code }) => ({ code })) } }));
  });
});
await new Promise<void>((resolve) => catalog.listen(0, '127.0.0.1', resolve));
const address = catalog.address();
const servicesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/services/graphql`;

const database = await createTestDatabase({ server: SERVER, prefix: 'motcua_bench' });
const file = join(tmpdir(), `motcua-bench-import-${process.pid}.csv`);
try {
  const orm = await openDatabase({
    owner: 'statistics',
    target: { kind: 'postgres', url: database.url },
    entities: statisticsSubgraph.entities,
    migrations: statisticsSubgraph.migrations,
  });
  await orm.em.execute(
    `insert into statistics.data_source (id, name, publisher, illustrative, updated_at) values ('${SOURCE}', 'bench', 'bench', true, now())`,
  );
  const env = { DATABASE_URL: database.url, SERVICES_URL: servicesUrl, LOG_LEVEL: 'warn' };
  console.log(
    '| rows | COPY s | COPY rows/s | COPY peak MB | import s | import rows/s | import peak MB | import ÷ COPY rate |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const rows of SIZES.length ? SIZES : [10_000, 1_000_000]) {
    await writeFile(file, rows);
    const copy = await measured(
      'bench/src/loader/copy-figures.ts',
      [file, database.url, SOURCE, '--rollback'],
      env,
    );
    const imported = await measured(
      'subgraphs/statistics/src/cli/import-figures.ts',
      [file, '--source', SOURCE],
      env,
    );
    if (!/ inserted, /.test(imported.output)) throw new Error(imported.output);
    // Each size into an empty table, as COPY had it.
    await orm.em.execute(
      'truncate statistics.figure_revision, statistics.import_batch, statistics.dossier_figure',
    );
    const rate = (seconds: number) => Math.round(rows / seconds).toLocaleString('en');
    console.log(
      `| ${rows.toLocaleString('en')} | ${copy.seconds.toFixed(1)} | ${rate(copy.seconds)} | ${copy.peakMb} | ${imported.seconds.toFixed(1)} | ${rate(imported.seconds)} | ${imported.peakMb} | ${(copy.seconds / imported.seconds).toFixed(2)} |`,
    );
  }
  await orm.close();
} finally {
  rmSync(file, { force: true });
  catalog.close();
  await database.drop();
}
