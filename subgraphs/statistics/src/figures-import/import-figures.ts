import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import type { Peers } from '@motcua/subgraph-runtime';
import { DataSource } from '../entities/index.ts';
import { REORGANISED_ON } from '../sql/figures.ts';
import { type CsvChunk, readCsv } from './csv-chunks.ts';
import { FIGURE_COLUMNS, type ImportMode, RULES, VALUE_COLUMNS } from './figure-input.ts';
import { CopyRejected, type ImportSession, inImportTransaction } from './import-session.ts';
import { knownServiceCodes } from './service-catalog.ts';
import { provinceOf } from './unit-directory.ts';

export type ImportSummary = { batchId: string; inserted: number; corrected: number; unchanged: number };

/** What a long import has done so far, for a progress display. */
export type ImportProgress = { phase: 'reading' | 'checking' | 'writing'; rows: number };

export type ImportOptions = {
  sourceId: string;
  mode?: ImportMode;
  /** Who imports (the caller's subject, or "cli"), kept on the batch. */
  importedBy: string | null;
  peers: Peers;
  onProgress?: (progress: ImportProgress) => void;
};

/** Bad rows listed in a refusal; the message still counts them all. */
export const LISTED_PROBLEMS = 1_000;
/** Service codes asked of the catalog per request. */
const CATALOG_BATCH = 1_000;
/** The largest count a figure holds (PostgreSQL int, GraphQL Int). */
const MAX_COUNT = 2_147_483_647;
// An import of a million rows runs statements longer than the time limit meant for a request.
const IMPORT_STATEMENT_TIMEOUT = '15min';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** A column an import reads: the input field that names it, and the staging column it fills. */
type InputColumn = { field: string; column: string; required?: boolean };

/** The CSV header must name input fields, each once, and every required one (any import's columns). */
export function stagingColumnsOf(columns: readonly InputColumn[], header: string[]): string[] {
  const byField = new Map(columns.map((column) => [column.field, column]));
  const unknown = header.filter((name) => !byField.has(name));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  const required = columns.filter((column) => column.required);
  const missing = required.filter((column) => !header.includes(column.field));
  const problems = [
    ...(unknown.length
      ? [`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}`]
      : []),
    ...(repeated.length ? [`repeated column ${[...new Set(repeated)].join(', ')}`] : []),
    ...(missing.length ? [`missing ${missing.map((column) => column.field).join(', ')}`] : []),
  ];
  if (problems.length) {
    throw badUserInput(
      `The header row is not right (${problems.join('; ')}): it names columns among ${columns.map((column) => column.field).join(', ')}, with ${required.map((column) => column.field)} required; nothing was written`,
      { header },
    );
  }
  return header.map((name) => byField.get(name)?.column as string);
}

const stagingColumns = (header: string[]) => stagingColumnsOf(FIGURE_COLUMNS, header);

/**
 * The staged text cells made typed values with their shape problems (one pass over the rows), joined with the
 * figure each row would correct. A cell that is empty is an omitted value.
 */
function typedRowsSql(mode: ImportMode, currentMonth: string): string {
  const counts = FIGURE_COLUMNS.filter((column) => 'count' in column);
  const cell = (column: (typeof FIGURE_COLUMNS)[number]) =>
    'count' in column ? column.column : `nullif(btrim(${column.column}), '')`;
  // Each cell is checked once: the steps are materialised, since PostgreSQL would otherwise inline them and
  // evaluate a check at every place its result is used (a regular expression per use, per row).
  const countReason = (column: (typeof counts)[number]) =>
    `case when p.${column.column} is null then ${'required' in column ? `'${column.field} is required'` : 'null'}
      when p.${column.column} < 0 then '${column.field} must not be negative' end`;
  const requiredReason = (field: string, column: string, message: string) =>
    `case when p.${column} is null then '${field} is required' when not p.${column}_ok then '${message}' end`;
  // What the figure's resolved counts are once this row is applied.
  const merged = (column: string) =>
    mode === 'MERGE' ? `coalesce(r.${column}, f.${column}, 0)` : `coalesce(r.${column}, 0)`;
  const kept = (column: string) =>
    mode === 'MERGE' ? `(r.${column} is null and f.${column} is not null)` : 'false';
  const inRange = (column: string) => `case when p.${column} >= 0 then p.${column} end`;
  return `create temp table import_row on commit drop as
    with t as materialized (
      select row_no, ${FIGURE_COLUMNS.map((column) => `${cell(column)} as ${column.column}`).join(', ')}
      from pg_temp.import_staging
    ), p as materialized (
      select t.*,
        t.service_code ~ '${RULES.serviceCode}' as service_code_ok,
        t.unit_code ~ '${RULES.unitCode}' as unit_code_ok,
        t.month ~ '${RULES.month}' as month_ok,
        t.channel = any(array[${RULES.channels.map(quote).join(', ')}]) as channel_ok
      from t
    ), r as materialized (
      select p.row_no, p.service_code, p.unit_code, p.month, p.channel, p.field_code,
        case when p.month_ok then to_date(p.month, 'YYYY-MM') end as month_d,
        ${counts.map((column) => `${inRange(column.column)} as ${column.column}`).join(',\n        ')},
        -- The resolved counts can be checked against received only when all three are counts.
        (coalesce(p.resolved_on_time, 0) >= 0 and coalesce(p.resolved_late, 0) >= 0) as counts_parse,
        -- A negative received is still compared, as the rule reads (a row may break both).
        p.received as received_any,
        array_remove(array[
          ${requiredReason('serviceCode', 'service_code', 'serviceCode must be a national procedure code such as 1.001193')},
          ${requiredReason('unitCode', 'unit_code', 'unitCode must be a province (2 digits) or commune (5 digits) code')},
          case when p.month is null then 'month is required'
            when not p.month_ok then 'month must be a month written YYYY-MM'
            when p.month > '${currentMonth}' then 'month must not be in the future' end,
          case when p.channel is null then 'channel is required'
            when not p.channel_ok then 'channel must be one of ${RULES.channels.join(', ')}' end,
          ${counts.map(countReason).join(',\n          ')},
          case when length(p.field_code) > 100 then 'fieldCode must be at most 100 characters' end
        ], null) as reasons
      from p
    )
    select r.row_no, r.service_code, r.unit_code, r.month, r.month_d, r.channel, r.field_code,
      ${counts.map((column) => `r.${column.column}`).join(', ')},
      f.id as figure_id,
      r.reasons || array_remove(array[
        case when r.counts_parse and r.received_any is not null
          and ${merged('resolved_on_time')}::bigint + ${merged('resolved_late')} > r.received_any then
          case when ${kept('resolved_on_time')} and ${kept('resolved_late')} then
              format('resolvedOnTime plus resolvedLate must not exceed received (the stored figure has %s + %s resolved, and this row does not change them)', f.resolved_on_time, f.resolved_late)
            when ${kept('resolved_on_time')} then format('resolvedOnTime plus resolvedLate must not exceed received (this row keeps the stored resolvedOnTime, %s)', f.resolved_on_time)
            when ${kept('resolved_late')} then format('resolvedOnTime plus resolvedLate must not exceed received (this row keeps the stored resolvedLate, %s)', f.resolved_late)
            else 'resolvedOnTime plus resolvedLate must not exceed received' end
        end
      ], null) as reasons
    from r
    -- One look per row into its month's partition (lateral: a join over the partitioned facts was planned as a
    -- hash join reading every partition, 3.4 s for 10,000 rows against 5 million facts).
    left join lateral (select * from statistics.dossier_figure f where f.service_code = r.service_code
      and f.unit_code = r.unit_code and f.month = r.month_d and f.channel = r.channel limit 1) f on true`;
}

const UNIT_JOIN = `u.unit_code = i.unit_code and u.before_reorganisation = (i.month_d < date '${REORGANISED_ON}')`;

/** Problems beyond a row's own shape: its unit in its month, a repeated key, a service the catalog lacks. */
const PROBLEMS_SQL = `with ok as (select * from pg_temp.import_row where cardinality(reasons) = 0),
  repeated as (
    select service_code, unit_code, month_d, channel, min(row_no) as first_row from ok
    group by service_code, unit_code, month_d, channel having count(*) > 1
  ),
  checked as (
    select i.row_no, i.service_code, i.reasons || array_remove(array[
      case when cardinality(i.reasons) = 0 and u.unit_code is null
        then format('unitCode %s was not an administrative unit in %s', i.unit_code, i.month) end,
      case when d.first_row <> i.row_no
        then format('the same service, unit, month and channel already appear in row %s', d.first_row) end,
      case when a.month is not null
        then format('month %s is archived (its facts left the database; the aggregates still count them): it takes no more figures', i.month) end
    ], null) as reasons
    from pg_temp.import_row i
    left join pg_temp.import_unit u on cardinality(i.reasons) = 0 and ${UNIT_JOIN}
    left join statistics.fact_archive a on cardinality(i.reasons) = 0 and a.month = i.month_d
    left join repeated d on cardinality(i.reasons) = 0 and d.service_code = i.service_code
      and d.unit_code = i.unit_code and d.month_d = i.month_d and d.channel = i.channel
  ),
  found as (
    select c.row_no, case when cardinality(c.reasons) = 0 and s.code is null
      then array[format('serviceCode %s is not in the catalog', c.service_code)] else c.reasons end as reasons
    from checked c left join pg_temp.import_service s on s.code = c.service_code
  )
  select row_no::int as row, reasons, (count(*) over ())::int as invalid
  from found where cardinality(reasons) > 0 order by row_no limit ${LISTED_PROBLEMS}`;

/** A figure's values once a row is applied, for the figure it corrects (`f`) and the row (`i`). */
function mergedValue(column: (typeof VALUE_COLUMNS)[number], mode: ImportMode): string {
  if (column === 'source_id') return '$2::text';
  if (column === 'received') return 'i.received';
  const fallback =
    mode === 'MERGE'
      ? `f.${column}`
      : (FIGURE_COLUMNS.find((c) => c.column === column) as { default: string }).default;
  return `coalesce(i.${column}, ${fallback})`;
}

/**
 * The corrections of one month (`month`, a date from the import's own typed rows, never a client's text): one
 * statement per month, so that PostgreSQL reads and updates that month's partition alone. One statement for every
 * month was planned as joins over all the partitions: 2.8 s for 10,000 corrections of one month, at 5 million facts.
 */
function correctionSql(mode: ImportMode, month: string): string {
  const at = `date '${month}'`;
  const values = VALUE_COLUMNS.map((column) => ({ column, value: mergedValue(column, mode) }));
  return `with changed as (
      select f.id, f.service_code, f.unit_code, f.province_code, f.month, f.channel,
        jsonb_build_object(${VALUE_COLUMNS.map((column) => `'${column}', f.${column}`).join(', ')}) as previous,
        ${values.map(({ column, value }) => `${value} as ${column}`).join(', ')}
      -- With the month, each row reads only its month's partition.
      from pg_temp.import_row i join statistics.dossier_figure f on f.id = i.figure_id and f.month = i.month_d
      where i.month_d = ${at} and f.month = ${at} and (${VALUE_COLUMNS.map((column) => `f.${column}`).join(', ')}) is distinct from (${values.map(({ value }) => value).join(', ')})
    ), updated as (
      update statistics.dossier_figure f set ${VALUE_COLUMNS.map((column) => `${column} = c.${column}`).join(', ')},
        revised_at = now()
      from changed c where f.id = c.id and f.month = ${at} and c.month = ${at}
      returning f.id
    ), revised as (
      insert into statistics.figure_revision
        (figure_id, service_code, unit_code, province_code, month, channel, batch_id, revised_at, previous, current)
      select id, service_code, unit_code, province_code, month, channel, $1::uuid, now(), previous,
        jsonb_build_object(${VALUE_COLUMNS.map((column) => `'${column}', ${column}`).join(', ')})
      from changed
      returning 1
    )
    select (select count(*) from updated)::int as corrected, (select count(*) from revised)::int as revised`;
}

const INSERT_SQL = `insert into statistics.dossier_figure
    (service_code, unit_code, province_code, month, channel, ${VALUE_COLUMNS.join(', ')}, batch_id)
  select i.service_code, i.unit_code, u.province_code, i.month_d, i.channel, i.received,
    ${VALUE_COLUMNS.slice(1, -1)
      .map(
        (column) =>
          `coalesce(i.${column}, ${(FIGURE_COLUMNS.find((c) => c.column === column) as { default: string }).default})`,
      )
      .join(', ')}, $1::text, $2::uuid
  from pg_temp.import_row i join pg_temp.import_unit u on ${UNIT_JOIN}
  where i.figure_id is null`;

/** The province of every unit the rows name, in the month's map, as a table the checks and the insert join. */
export async function stageUnits(session: ImportSession): Promise<void> {
  const units = await session.query<{ unit_code: string; before_reorganisation: boolean }>(
    `select distinct unit_code, month_d < date '${REORGANISED_ON}' as before_reorganisation
     from pg_temp.import_row where cardinality(reasons) = 0`,
  );
  const known = units.flatMap(({ unit_code, before_reorganisation }) => {
    const province = provinceOf(unit_code, before_reorganisation ? '2025-06' : REORGANISED_ON.slice(0, 7));
    return province ? [{ unit_code, before_reorganisation, province_code: province }] : [];
  });
  await session.query(
    `create temp table import_unit on commit drop as
     select * from jsonb_to_recordset($1::jsonb) as u(unit_code text, before_reorganisation boolean, province_code text)`,
    [JSON.stringify(known)],
  );
  // Without statistics the planner takes a few rows for many and joins every row to each of them in turn.
  await session.query('analyze pg_temp.import_unit');
}

/** The service codes the catalog knows among those the rows name (asked of the services subgraph). */
async function stageServices(session: ImportSession, peers: Peers): Promise<void> {
  const codes = (
    await session.query<{ service_code: string }>(
      `select distinct service_code from pg_temp.import_row where cardinality(reasons) = 0`,
    )
  ).map((row) => row.service_code);
  const known: string[] = [];
  for (let start = 0; start < codes.length; start += CATALOG_BATCH) {
    known.push(...(await knownServiceCodes(peers, codes.slice(start, start + CATALOG_BATCH))));
  }
  await session.query(
    `create temp table import_service on commit drop as
     select code from jsonb_array_elements_text($1::jsonb) as s(code)`,
    [JSON.stringify(known)],
  );
  await session.query('analyze pg_temp.import_service');
}

/**
 * Imports monthly dossier figures from one source, all or nothing, from a CSV stream (a header of
 * `DossierFigureInput` field names, then one row per figure). The rows go by COPY into a table of the
 * transaction, are checked there set-based, and are merged into the figures by two statements: corrections (the
 * earlier values kept in the revision log with the batch that replaced them) and new figures. In MERGE mode a
 * correction replaces only the values its row carries; in REPLACE mode the row is the whole figure. Replaying a
 * batch changes nothing (no correction, no revision). Memory holds a chunk of the stream, whatever its size.
 */
export async function importFigureCsv(
  em: SqlEntityManager,
  csv: AsyncIterable<Uint8Array | string>,
  { sourceId, mode = 'MERGE', importedBy, peers, onProgress }: ImportOptions,
): Promise<ImportSummary> {
  if (!(await em.findOne(DataSource, { id: sourceId }))) {
    throw badUserInput(`Unknown data source ${sourceId}: every figure must name where it comes from`, {
      argumentName: 'source',
    });
  }
  const { header, chunks } = await readCsv(csv);
  const columns = stagingColumns(header);
  let staged = 0;
  const counted = (async function* (): AsyncGenerator<CsvChunk> {
    for await (const chunk of chunks) {
      yield chunk;
      staged += chunk.records;
      onProgress?.({ phase: 'reading', rows: staged });
    }
  })();
  return inImportTransaction(em, async (session) => {
    await session.query(`set local statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
    await session.query(
      // Counts are typed: COPY parses them (a cell that is not a whole number stops it, naming its row).
      `create temp table import_staging (row_no bigint generated always as identity,
        ${FIGURE_COLUMNS.map((column) => `${column.column} ${'count' in column ? 'int' : 'text'}`).join(', ')}) on commit drop`,
    );
    try {
      await session.copyCsv(`pg_temp.import_staging (${columns.join(', ')})`, counted);
    } catch (error) {
      if (!(error instanceof CopyRejected)) throw error;
      const field = FIGURE_COLUMNS.find((column) => column.column === error.column)?.field;
      const reason =
        field && error.value !== null
          ? `${field} must be a whole number from 0 to ${MAX_COUNT.toLocaleString('en')} (not "${error.value}")`
          : error.message;
      const problem: RowProblem = { row: error.row ?? staged + 1, reasons: [reason] };
      throw batchRejection([problem], Math.max(staged, problem.row));
    }
    if (staged === 0) throw badUserInput('The batch is empty: send at least one row');
    await session.query('analyze pg_temp.import_staging');
    onProgress?.({ phase: 'checking', rows: staged });
    // Imports take turns from here: what a row corrects is read once, and no other import changes it meanwhile.
    await session.query(`select pg_advisory_xact_lock(hashtext('motcua:statistics-import'))`);
    await session.query(typedRowsSql(mode, new Date().toISOString().slice(0, 7)));
    await session.query('analyze pg_temp.import_row');
    await stageUnits(session);
    await stageServices(session, peers);
    const problems = await session.query<{ row: number; reasons: string[]; invalid: number }>(PROBLEMS_SQL);
    if (problems.length) {
      throw batchRejection(
        problems.map(({ row, reasons }) => ({ row, reasons })),
        staged,
        problems[0]?.invalid,
      );
    }
    onProgress?.({ phase: 'writing', rows: staged });
    const batchId = crypto.randomUUID();
    // The batch row first (its counts at the end): the new facts name it, and their reference is checked at once.
    await session.query(
      `insert into statistics.import_batch (id, source_id, imported_at, imported_by, rows, inserted, corrected, unchanged, mode)
       values ($1, $2, now(), $3, $4, 0, 0, 0, $5)`,
      [batchId, sourceId, importedBy, staged, mode],
    );
    const months = await session.query<{ month: string }>(
      `select distinct to_char(month_d, 'YYYY-MM-DD') as month from pg_temp.import_row where figure_id is not null order by 1`,
    );
    let corrected = 0;
    for (const { month } of months) {
      if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`Not a month: ${month}`);
      const [correction] = await session.query<{ corrected: number; revised: number }>(
        correctionSql(mode, month),
        [batchId, sourceId],
      );
      if (correction?.corrected !== correction?.revised)
        throw new Error('Revision log and corrections disagree');
      corrected += correction?.corrected ?? 0;
    }
    // The partitions of the batch's months, in this transaction (a rolled back import leaves none behind). The hub
    // makes the coming months' ahead of time, so only a batch of older months makes any (see src/partitions).
    await session.query(
      `select statistics.create_fact_partitions(array(select distinct month_d from pg_temp.import_row where figure_id is null))`,
    );
    const inserted = await session.run(INSERT_SQL, [sourceId, batchId]);
    const unchanged = staged - inserted - corrected;
    await session.query(
      'update statistics.import_batch set inserted = $2, corrected = $3, unchanged = $4 where id = $1',
      [batchId, inserted, corrected, unchanged],
    );
    return { batchId, inserted, corrected, unchanged };
  });
}

/** A CSV cell: text quoted (so an empty text is not an omitted value), numbers as they are, nothing for null. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Rows given as objects (GraphQL input, a JSON file) as the CSV an import reads, one row at a time, so that both
 * go through the same checks and the same merge (any import's columns).
 */
export async function* rowsAsCsvOf(
  columns: readonly { field: string }[],
  rows: Iterable<unknown>,
): AsyncGenerator<string> {
  const fields = columns.map((column) => column.field);
  yield `${fields.join(',')}\n`;
  let index = 0;
  for (const row of rows) {
    index++;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw batchRejection(
        [{ row: index, reasons: ['the row must be an object of the input fields'] }],
        index,
      );
    }
    const unknown = Object.keys(row).filter((key) => !fields.includes(key));
    if (unknown.length) {
      throw batchRejection([{ row: index, reasons: [`unknown field ${unknown.join(', ')}`] }], index);
    }
    const record = row as Record<string, unknown>;
    yield `${fields.map((field) => csvCell(record[field])).join(',')}\n`;
  }
}

/** Dossier figures given as objects, as the CSV the import reads. */
export const rowsAsCsv = (rows: Iterable<unknown>) => rowsAsCsvOf(FIGURE_COLUMNS, rows);

/**
 * `importFigureCsv` for rows given as objects: the GraphQL mutation's path, for batches of up to `maxRows` (the
 * rows of a GraphQL request are held whole in memory; the streamed paths are not).
 */
export const importFigures = (
  em: SqlEntityManager,
  rows: unknown[],
  options: ImportOptions & { maxRows: number },
) => {
  if (rows.length === 0) throw badUserInput('The batch is empty: send at least one row');
  if (rows.length > options.maxRows) {
    throw badUserInput(
      `The batch has ${rows.length} rows, more than the ${options.maxRows} one importDossierFigures may carry: send the file to POST /imports/dossier-figures (streamed, any size) or use \`pnpm statistics:import <file>\`, or split it`,
      { argumentName: 'rows', maxRows: options.maxRows },
    );
  }
  return importFigureCsv(em, rowsAsCsv(rows), options);
};
