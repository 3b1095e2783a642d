import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import { DataSource } from '../entities/index.ts';
import { REORGANISED_ON } from '../sql/figures.ts';
import { type CsvChunk, readCsv } from './csv-chunks.ts';
import type { ImportMode } from './figure-input.ts';
import {
  type ImportSummary,
  LISTED_PROBLEMS,
  rowsAsCsvOf,
  stageUnits,
  stagingColumnsOf,
} from './import-figures.ts';
import { CopyRejected, inImportTransaction } from './import-session.ts';

/**
 * A column of a dataset import: the input field a CSV header (or a JSON row) names, the staging column it fills,
 * its type (`month` is text written YYYY-MM), whether a new row needs it, its default for a new row (SQL), and a
 * rule its text must match.
 */
export type DatasetColumn = {
  field: string;
  column: string;
  type: 'text' | 'month' | 'count' | 'number';
  required?: boolean;
  default?: string;
  rule?: { pattern: string; message: string };
};

/**
 * What a dataset import writes: the target table, its key and value columns (each a SQL expression over the
 * checked row `i`), problems beyond a row's own shape (SQL reasons over `i`, and `f` the row it corrects), and the
 * key the revision log names a row by (input field → SQL over `i`). A value column's expression is what a new row
 * gets; a correction keeps the stored value where the row omits it (MERGE) or takes the default (REPLACE).
 */
export type Dataset = {
  name: 'SERVICE_INDEX_INPUTS' | 'SATISFACTION_SURVEYS' | 'INDICATOR_VALUES';
  table: string;
  columns: DatasetColumn[];
  /** Typed values derived from the staged cells, over `t` (the typed cells): `month_d` for a unit's month. */
  derived: Record<string, string>;
  /** Whether the rows name a unit (`unit_code`) in a month (`month_d`), checked against the official units. */
  units: boolean;
  key: Record<string, string>;
  /** Each value column: its SQL over `i` (null when the row omits it) and what a new row (or REPLACE) takes then. */
  values: Record<string, { value: string; default?: string }>;
  /** Extra reasons over `i` (the row) and `f` (the stored row it corrects, if any): `merged(column)` is a value once applied. */
  reasons: (merged: (column: string) => string) => string[];
  rowKey: Record<string, string>;
};

const MAX_COUNT = 2_147_483_647;
const IMPORT_STATEMENT_TIMEOUT = '15min';
const UNIT_JOIN = `u.unit_code = i.unit_code and u.before_reorganisation = (i.month_d < date '${REORGANISED_ON}')`;
const MONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';

const stagingType = (column: DatasetColumn) =>
  column.type === 'count' ? 'int' : column.type === 'number' ? 'float8' : 'text';

function typedRowsSql(dataset: Dataset, mode: ImportMode, currentMonth: string): string {
  const cell = (column: DatasetColumn) =>
    column.type === 'text' || column.type === 'month'
      ? `nullif(btrim(s.${column.column}), '')`
      : `s.${column.column}`;
  const reason = (column: DatasetColumn) => {
    const value = `t.${column.column}`;
    const missing = column.required ? `when ${value} is null then '${column.field} is required'` : '';
    const shape =
      column.type === 'month'
        ? `when ${value} !~ '${MONTH}' then '${column.field} must be a month written YYYY-MM'
           when ${value} > '${currentMonth}' then '${column.field} must not be in the future'`
        : column.type === 'count'
          ? `when ${value} < 0 then '${column.field} must not be negative'`
          : column.rule
            ? `when ${value} !~ '${column.rule.pattern}' then '${column.rule.message.replace(/'/g, "''")}'`
            : '';
    return missing || shape ? `case ${missing} ${shape} end` : 'null';
  };
  const derived = Object.entries(dataset.derived).map(([name, sql]) => `${sql} as ${name}`);
  const keyJoin = Object.entries(dataset.key)
    .map(([column, sql]) => `f.${column} = ${sql}`)
    .join(' and ');
  return `create temp table import_row on commit drop as
    with t as materialized (
      select s.row_no, ${dataset.columns.map((column) => `${cell(column)} as ${column.column}`).join(', ')}
      from pg_temp.import_staging s
    ), r as materialized (
      select t.*, array_remove(array[${dataset.columns.map(reason).join(', ')}], null) as own_reasons
      from t
    ), d as materialized (
      select t.*${derived.map((sql) => `, ${sql}`).join('')} from r t
    )
    select i.*, f.ctid is not null as stored, i.own_reasons || array_remove(array[${
      dataset.reasons((column) => mergedValue(dataset, column, mode)).join(', ') || 'null'
    }]::text[], null) as reasons
    from d i left join ${dataset.table} f on cardinality(i.own_reasons) = 0 and ${keyJoin}`;
}

/** A value column once a row is applied: to the stored row `f` it corrects (MERGE keeps what the row omits), or new. */
function mergedValue(dataset: Dataset, column: string, mode: ImportMode | 'NEW'): string {
  const spec = dataset.values[column];
  if (!spec) throw new Error(`No value column ${column}`);
  const fallback = [...(mode === 'MERGE' ? [`f.${column}`] : []), ...(spec.default ? [spec.default] : [])];
  return fallback.length ? `coalesce(${spec.value}, ${fallback.join(', ')})` : spec.value;
}

function problemsSql(dataset: Dataset): string {
  const keys = Object.values(dataset.key);
  const units = dataset.units
    ? `case when cardinality(i.reasons) = 0 and u.unit_code is null
        then format('unitCode %s was not an administrative unit in %s', i.unit_code, to_char(i.month_d, 'YYYY-MM')) end,`
    : '';
  return `with ok as (select * from pg_temp.import_row i where cardinality(i.reasons) = 0),
    repeated as (
      select ${keys.map((sql, index) => `${sql} as k${index}`).join(', ')}, min(i.row_no) as first_row
      from ok i group by ${keys.map((_, index) => index + 1).join(', ')} having count(*) > 1
    ), checked as (
      select i.row_no, i.reasons || array_remove(array[${units}
        case when d.first_row <> i.row_no
          then format('the same key already appears in row %s', d.first_row) end]::text[], null) as reasons
      from pg_temp.import_row i
      ${dataset.units ? `left join pg_temp.import_unit u on cardinality(i.reasons) = 0 and ${UNIT_JOIN}` : ''}
      left join repeated d on cardinality(i.reasons) = 0 and ${keys.map((sql, index) => `d.k${index} = ${sql}`).join(' and ')}
    )
    select row_no::int as row, reasons, (count(*) over ())::int as invalid
    from checked where cardinality(reasons) > 0 order by row_no limit ${LISTED_PROBLEMS}`;
}

function correctionSql(dataset: Dataset, mode: ImportMode): string {
  const columns = [...Object.keys(dataset.values), 'source_id'];
  const next = (column: string) => (column === 'source_id' ? '$2::text' : mergedValue(dataset, column, mode));
  const keyJoin = Object.entries(dataset.key)
    .map(([column, sql]) => `f.${column} = ${sql}`)
    .join(' and ');
  const json = (alias: string) =>
    `jsonb_build_object(${columns.map((column) => `'${column}', ${alias}.${column}`).join(', ')})`;
  return `with changed as (
      select f.ctid as at, ${json('f')} as previous,
        jsonb_build_object(${Object.entries(dataset.rowKey)
          .map(([field, sql]) => `'${field}', ${sql}`)
          .join(', ')}) as row_key,
        ${columns.map((column) => `${next(column)} as ${column}`).join(', ')}
      from pg_temp.import_row i join ${dataset.table} f on ${keyJoin}
      ${dataset.units ? `join pg_temp.import_unit u on ${UNIT_JOIN}` : ''}
      where (${columns.map((column) => `f.${column}`).join(', ')}) is distinct from (${columns.map(next).join(', ')})
    ), updated as (
      update ${dataset.table} f set ${columns.map((column) => `${column} = c.${column}`).join(', ')}
      from changed c where f.ctid = c.at returning 1
    ), revised as (
      insert into statistics.dataset_revision (dataset, row_key, batch_id, revised_at, previous, current)
      select '${dataset.name}', row_key, $1::uuid, now(), previous, ${json('changed')} from changed returning 1
    )
    select (select count(*) from updated)::int as corrected, (select count(*) from revised)::int as revised`;
}

function insertSql(dataset: Dataset): string {
  const values = Object.keys(dataset.values);
  return `insert into ${dataset.table} (${[...Object.keys(dataset.key), ...values, 'source_id'].join(', ')})
    select ${[...Object.values(dataset.key), ...values.map((column) => mergedValue(dataset, column, 'NEW')), '$1::text'].join(', ')}
    from pg_temp.import_row i
    ${dataset.units ? `join pg_temp.import_unit u on ${UNIT_JOIN}` : ''}
    where not i.stored`;
}

/**
 * Imports one dataset's rows from one source, all or nothing, from a CSV stream, with the rules of the dossier
 * figures import (which this shares its reading, header, row and unit checks, batch and revision rules with):
 * COPY into a table of the transaction, set-based checks listing every bad row, corrections in the revision log
 * (`dataset_revision`, with the batch), replays changing nothing, MERGE or REPLACE for omitted values.
 */
export async function importDatasetCsv(
  em: SqlEntityManager,
  dataset: Dataset,
  csv: AsyncIterable<Uint8Array | string>,
  {
    sourceId,
    mode = 'MERGE',
    importedBy,
  }: { sourceId: string; mode?: ImportMode; importedBy: string | null },
): Promise<ImportSummary> {
  if (!(await em.findOne(DataSource, { id: sourceId }))) {
    throw badUserInput(`Unknown data source ${sourceId}: every figure must name where it comes from`, {
      argumentName: 'source',
    });
  }
  const { header, chunks } = await readCsv(csv);
  const staged = stagingColumnsOf(dataset.columns, header);
  let rows = 0;
  const counted = (async function* (): AsyncGenerator<CsvChunk> {
    for await (const chunk of chunks) {
      yield chunk;
      rows += chunk.records;
    }
  })();
  return inImportTransaction(em, async (session) => {
    await session.query(`set local statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
    await session.query(
      `create temp table import_staging (row_no bigint generated always as identity,
        ${dataset.columns.map((column) => `${column.column} ${stagingType(column)}`).join(', ')}) on commit drop`,
    );
    try {
      await session.copyCsv(`pg_temp.import_staging (${staged.join(', ')})`, counted);
    } catch (error) {
      if (!(error instanceof CopyRejected)) throw error;
      const column = dataset.columns.find((candidate) => candidate.column === error.column);
      const reason =
        column && error.value !== null
          ? column.type === 'count'
            ? `${column.field} must be a whole number from 0 to ${MAX_COUNT.toLocaleString('en')} (not "${error.value}")`
            : `${column.field} must be a number (not "${error.value}")`
          : error.message;
      const problem: RowProblem = { row: error.row ?? rows + 1, reasons: [reason] };
      throw batchRejection([problem], Math.max(rows, problem.row));
    }
    if (rows === 0) throw badUserInput('The batch is empty: send at least one row');
    await session.query(`select pg_advisory_xact_lock(hashtext('motcua:statistics-import'))`);
    await session.query(typedRowsSql(dataset, mode, new Date().toISOString().slice(0, 7)));
    if (dataset.units) await stageUnits(session);
    const problems = await session.query<{ row: number; reasons: string[]; invalid: number }>(
      problemsSql(dataset),
    );
    if (problems.length) {
      throw batchRejection(
        problems.map(({ row, reasons }) => ({ row, reasons })),
        rows,
        problems[0]?.invalid,
      );
    }
    const batchId = crypto.randomUUID();
    const [correction] = await session.query<{ corrected: number; revised: number }>(
      correctionSql(dataset, mode),
      [batchId, sourceId],
    );
    const corrected = correction?.corrected ?? 0;
    if (corrected !== correction?.revised) throw new Error('Revision log and corrections disagree');
    const inserted = await session.run(insertSql(dataset), [sourceId]);
    const unchanged = rows - inserted - corrected;
    await session.query(
      `insert into statistics.import_batch (id, source_id, imported_at, imported_by, rows, inserted, corrected, unchanged, mode)
       values ($1, $2, now(), $3, $4, $5, $6, $7, $8)`,
      [batchId, sourceId, importedBy, rows, inserted, corrected, unchanged, mode],
    );
    return { batchId, inserted, corrected, unchanged };
  });
}

/** `importDatasetCsv` for rows given as objects (the GraphQL mutations, a JSON body). */
export function importDatasetRows(
  em: SqlEntityManager,
  dataset: Dataset,
  rows: unknown[],
  options: { sourceId: string; mode?: ImportMode; importedBy: string | null },
) {
  if (rows.length === 0) throw badUserInput('The batch is empty: send at least one row');
  return importDatasetCsv(em, dataset, rowsAsCsvOf(dataset.columns, rows), options);
}
