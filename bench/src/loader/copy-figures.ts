// The COPY baseline of the import scenario, as a process of its own so its time and memory are measured like the
// import CLI's: `node bench/src/loader/copy-figures.ts <figures.csv> <database URL> <source> [--rollback]` streams
// the very file the import reads (the import's CSV) into PostgreSQL COPY, placing each unit in its province as the
// import does. With --rollback nothing stays, so the import can then load the same rows.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { Channel, FactRow } from '../generator/facts.ts';
import { loadUnits } from '../generator/units.ts';
import { copyLines } from './copy.ts';
import { CREATE_PARTITIONS, FACT_COLUMNS, factCopyLine } from './fact-rows.ts';

const [file, url, source, flag] = process.argv.slice(2);
if (!file || !url || !source) {
  console.error('Usage: copy-figures.ts <figures.csv> <database URL> <source> [--rollback]');
  process.exit(2);
}

const units = loadUnits();
const provinceBefore = new Map(units.dissolved.map((commune) => [commune.code, commune.provinceCode]));
const provinceAfter = new Map(units.current.map((commune) => [commune.code, commune.provinceCode]));
const reorganised = units.reorganisedOn.slice(0, 7);

async function* lines(): AsyncGenerator<string> {
  let header = true;
  for await (const line of createInterface({ input: createReadStream(file as string) })) {
    if (header || !line) {
      header = false;
      continue;
    }
    const [
      serviceCode,
      unitCode,
      month,
      channel,
      received,
      onTime,
      late,
      pending,
      rejected,
      paidOnline,
      fieldCode,
    ] = line.split(',');
    const row: FactRow = {
      serviceCode: serviceCode ?? '',
      unitCode: unitCode ?? '',
      provinceCode: ((month ?? '') < reorganised ? provinceBefore : provinceAfter).get(unitCode ?? '') ?? '',
      month: month ?? '',
      channel: channel as Channel,
      received: Number(received),
      resolvedOnTime: Number(onTime),
      resolvedLate: Number(late),
      pending: Number(pending),
      rejected: Number(rejected),
      paidOnline: paidOnline ? Number(paidOnline) : null,
      fieldCode: fieldCode ?? '',
    };
    yield factCopyLine(row, source as string);
  }
}

const client = new pg.Client({ connectionString: url });
await client.connect();
const started = performance.now();
await client.query('begin');
// The facts are partitioned by month with no default partition: the file's months get theirs first, in the same
// transaction (rolled back with the rows), as the import does.
const months = new Set<string>();
for await (const line of createInterface({ input: createReadStream(file) })) {
  const month = line.split(',')[2];
  if (month && /^\d{4}-\d{2}$/.test(month)) months.add(`${month}-01`);
}
await client.query(CREATE_PARTITIONS, [JSON.stringify([...months])]);
const rows = await copyLines(client, 'statistics.dossier_figure', FACT_COLUMNS, lines());
await client.query(flag === '--rollback' ? 'rollback' : 'commit');
console.log(
  `${rows} rows copied in ${Math.round(performance.now() - started)} ms${flag === '--rollback' ? ' (rolled back)' : ''}`,
);
await client.end();
