// Loading millions of rows into a table with its indexes in place updates every index row by row, in random order
// for most of them, and checks every foreign key row by row: minutes on two cores. PostgreSQL builds an index from
// sorted data, and validates a foreign key with one join, far faster. So a bulk load takes the table's secondary
// indexes, unique constraints and foreign keys off, COPYs, and puts the very same definitions back (read from the
// catalog, so nothing here repeats the hub's migrations), all in one transaction: the data is checked all the same.
import type pg from 'pg';

type Definition = { name: string; drop: string; create: string };

async function secondaryDefinitions(client: pg.ClientBase, table: string): Promise<Definition[]> {
  const { rows } = await client.query<{
    kind: string;
    name: string;
    definition: string;
    referenced: boolean;
  }>(
    `select 1 as position, 'constraint' as kind, c.conname as name, pg_get_constraintdef(c.oid) as definition,
        exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid) as referenced
      from pg_constraint c where c.conrelid = $1::regclass and c.contype = 'u'
     union all
     select 2, 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), false
      from pg_index i where i.indrelid = $1::regclass and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
     union all
     -- Foreign keys last: they are put back after the indexes (the order by).
     select 3, 'constraint', c.conname, pg_get_constraintdef(c.oid), false
      from pg_constraint c where c.conrelid = $1::regclass and c.contype = 'f'
     order by 1, 3`,
    [table],
  );
  // A unique constraint that a foreign key relies on stays: the key could not be kept without it.
  return rows
    .filter((row) => !row.referenced)
    .map((row) =>
      row.kind === 'constraint'
        ? {
            name: row.name,
            drop: `alter table ${table} drop constraint "${row.name}"`,
            create: `alter table ${table} add constraint "${row.name}" ${row.definition}`,
          }
        : {
            name: row.name,
            drop: `drop index ${row.name}`,
            // A partitioned table's index reads back as `ON ONLY` (the parent alone, left invalid until every
            // partition has its own): built as written it left the facts' partitions without their indexes.
            create: row.definition.replace(/ ON ONLY /, ' ON '),
          },
    );
}

/** Runs `load` (COPYs into `table`) with the table's secondary indexes off, rebuilt before the commit. */
export async function withIndexesRebuiltAfter<T>(
  client: pg.ClientBase,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  await client.query('begin');
  try {
    const definitions = await secondaryDefinitions(client, table);
    for (const definition of definitions) await client.query(definition.drop);
    const result = await load();
    // Sorting for an index build is what maintenance_work_mem is for; the default 64 MB spills to disk.
    await client.query(`set local maintenance_work_mem = '512MB'`);
    for (const definition of definitions) await client.query(definition.create);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * Runs `load` (COPYs facts, inside the caller's transaction) with the facts' insert trigger off, then rebuilds the
 * usage aggregates in one set-based pass: the trigger would aggregate a transition table of millions of rows, about
 * seven times slower for the bench's COPY of 5 million facts.
 */
export async function withAggregatesRebuiltAfter<T>(
  client: pg.ClientBase,
  load: () => Promise<T>,
): Promise<T> {
  const trigger = 'statistics.dossier_figure disable trigger dossier_figure_aggregate_insert';
  await client.query(`alter table ${trigger}`);
  const result = await load();
  await client.query(`alter table ${trigger.replace('disable', 'enable')}`);
  await client.query('select statistics.rebuild_usage_aggregates()');
  return result;
}
