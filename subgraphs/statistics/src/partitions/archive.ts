import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { PARTITION_LOCK, PARTITIONS_SQL, partitionName } from './fact-partitions.ts';

const PAGE = 20_000;

export type PartitionRow = { month: string; partition: string; estimated_rows: string; bytes: string };
export type ArchivedMonth = { month: string; rows: number; received: number; file: string };

/** The partitions of the facts, oldest first (estimated rows and bytes from the catalog: no scan). */
export const listPartitions = (em: SqlEntityManager) => em.execute<PartitionRow[]>(PARTITIONS_SQL);

/** The months archived so far, oldest first. */
export const listArchived = (em: SqlEntityManager) =>
  em.execute<{ month: string; rows: string; file: string; archived_at: string }[]>(
    `select to_char(month, 'YYYY-MM') as month, rows, file,
       to_char(archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as archived_at
     from statistics.fact_archive order by month`,
  );

const csvCell = (value: string | null) => (value === null ? '' : `"${value.replaceAll('"', '""')}"`);

/** Writes every row of `table` (all columns as text, a header first) to `file`, gzipped, a page at a time. */
async function writeTable(em: SqlEntityManager, table: string, file: string): Promise<number> {
  const columns = (
    await em.execute<{ name: string }[]>(
      `select attname as name from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped order by attnum`,
      [table],
    )
  ).map((row) => row.name);
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  await write(`${columns.join(',')}\n`);
  let rows = 0;
  let after = '0';
  for (;;) {
    // Keyset pages on the id (the partition keeps its primary key index once detached).
    const page = await em.execute<Record<string, string | null>[]>(
      `select ${columns.map((column) => `"${column}"::text`).join(', ')}
       from ${table} where id > ?::bigint order by id limit ${PAGE}`,
      [after],
    );
    for (const row of page)
      await write(`${columns.map((column) => csvCell(row[column] ?? null)).join(',')}\n`);
    rows += page.length;
    if (page.length < PAGE) break;
    after = page.at(-1)?.id ?? after;
  }
  gzip.end();
  await finished(out);
  return rows;
}

/**
 * Archives one month of facts, all or nothing: its revisions written to a file and removed (they name the facts,
 * and a partition still named by a foreign key cannot be detached), the partition detached, its rows written to
 * `<dir>/dossier_figure_YYYY_MM.csv.gz`, the month recorded in statistics.fact_archive, the partition dropped. The
 * usage aggregates keep the month's sums (nothing fires on a DETACH or a DROP), so published figures stay as they
 * were. Imports wait meanwhile (their lock), and so does the making of partitions.
 */
export async function archiveMonth(em: SqlEntityManager, month: string, dir: string): Promise<ArchivedMonth> {
  const partition = partitionName(month);
  const first = `${month.slice(0, 7)}-01`;
  await mkdir(dir, { recursive: true });
  const file = resolve(join(dir, `${partition}.csv.gz`));
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('motcua:statistics-import'))`);
    await tx.execute(`select ${PARTITION_LOCK}`);
    const [found] = await tx.execute<{ exists: boolean }[]>(`select to_regclass(?) is not null as exists`, [
      `statistics.${partition}`,
    ]);
    if (!found?.exists) throw new Error(`No partition of the facts for ${month.slice(0, 7)}`);
    const revisions = await tx.execute<{ n: string }[]>(
      `select count(*) as n from statistics.figure_revision where month = ?::date`,
      [first],
    );
    if (Number(revisions[0]?.n) > 0) {
      await tx.execute(
        `create temp table archived_revision on commit drop as select * from statistics.figure_revision where month = ?::date`,
        [first],
      );
      await writeTable(tx, 'pg_temp.archived_revision', file.replace('dossier_figure_', 'figure_revision_'));
      await tx.execute(`delete from statistics.figure_revision where month = ?::date`, [first]);
    }
    await tx.execute(`alter table statistics.dossier_figure detach partition statistics.${partition}`);
    const rows = await writeTable(tx, `statistics.${partition}`, file);
    const [sums] = await tx.execute<{ received: string }[]>(
      `select coalesce(sum(received), 0)::bigint as received from statistics.${partition}`,
    );
    const received = Number(sums?.received ?? 0);
    await tx.execute(
      `insert into statistics.fact_archive (month, partition, rows, received, file, archived_at) values (?::date, ?, ?, ?, ?, now())`,
      [first, partition, rows, received, file],
    );
    await tx.execute(`drop table statistics.${partition}`);
    return { month: month.slice(0, 7), rows, received, file };
  });
}

/** Archives every month before `before` (YYYY-MM) that still has a partition, oldest first, one transaction each. */
export async function archiveBefore(
  em: SqlEntityManager,
  before: string,
  dir: string,
): Promise<ArchivedMonth[]> {
  const months = (await listPartitions(em)).map((row) => row.month).filter((month) => month < before);
  const archived: ArchivedMonth[] = [];
  for (const month of months) archived.push(await archiveMonth(em, month, dir));
  return archived;
}
