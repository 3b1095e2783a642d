// The usage aggregates (usage_by_unit, usage_by_province, usage_by_service) are sums of dossier_figure kept exact
// by statement-level triggers on dossier_figure itself: whatever writes the facts (the import's upsert, a COPY, an
// ORM flush, a hand-written UPDATE or DELETE) changes the aggregates in the same transaction, once per statement,
// from the statement's transition tables. Analyst queries then add up thousands of rows instead of millions.
import { REORGANISED_ON } from '../sql/figures.ts';

/**
 * Fact-shaped rows (`rows`, with a `sign` column: +1 added, -1 removed) placed on today's map: the unit and
 * province each figure counts towards today, and whether that is approximate (a unit split in 2025). The same
 * placement the reads of raw facts use (figuresSql), so aggregates and facts always agree.
 */
export const placedSql = (rows: string) => `select d.*, coalesce(r.new_code, d.unit_code) as unit_key,
    coalesce(r.new_province_code, d.province_code) as province_key, coalesce(r.kind = 'PARTIAL', false) as approximate
  from (${rows}) as d
  left join statistics.unit_rollup r on d.month < date '${REORGANISED_ON}' and r.old_code = d.unit_code`;

/** One aggregate table: its grain (the columns it is keyed by, as SQL over placed rows) besides month, channel and source. */
export type Aggregate = { table: string; grain: Record<string, string> };

export const AGGREGATES: Aggregate[] = [
  {
    table: 'usage_by_unit',
    grain: {
      unit_code: 'p.unit_code',
      province_code: 'p.province_code',
      unit_key: 'p.unit_key',
      province_key: 'p.province_key',
    },
  },
  {
    table: 'usage_by_province',
    grain: { province_code: 'p.province_code', province_key: 'p.province_key' },
  },
  {
    table: 'usage_by_service',
    grain: { service_code: 'p.service_code', field_key: `coalesce(p.field_code, 'unknown')` },
  },
];

/** The summed figures every aggregate row holds, besides how many facts (and approximate facts) it adds up. */
export const SUMMED = ['received', 'resolved_on_time', 'resolved_late', 'pending', 'rejected'] as const;

const COMMON = { month: 'p.month', channel: 'p.channel', source_id: 'p.source_id' };

/**
 * Which generation of the aggregates a statement is for: migration 0005 built them without the revision columns
 * (`revised_facts`, `last_revised_at`, from the facts' `revised_at`), which migration 0011 added; a migration keeps
 * running the SQL of its own generation.
 */
export type Generation = { revisions: boolean; clearsRevisionTimes?: boolean };
/**
 * Migration 0013: a row left with no revised fact (one deleted or moved by hand) has no last revision time either,
 * as a rebuild from the facts gives.
 */
export const CURRENT_GENERATION: Generation = { revisions: true, clearsRevisionTimes: true };

const factColumns = ({ revisions }: Generation) =>
  `service_code, unit_code, province_code, month, channel, field_code, source_id, ${SUMMED.join(', ')}${revisions ? ', revised_at' : ''}`;

/** Adds `rows` (fact-shaped, with `sign`) to one aggregate: one upsert, in key order so concurrent writers queue instead of deadlocking. */
function upsertSql({ table, grain }: Aggregate, rows: string, generation: Generation): string {
  const keys = { ...grain, ...COMMON };
  const names = Object.keys(keys);
  const expressions = Object.values(keys);
  const positions = names.map((_, index) => index + 1).join(', ');
  // A fact's last correction only moves forward, so the latest is kept with greatest() (a deleted fact's time
  // stays until the row is rebuilt: the application never deletes facts).
  const revisions = generation.revisions
    ? {
        columns: ', revised_facts, last_revised_at',
        sums: `, coalesce(sum(p.sign) filter (where p.revised_at is not null), 0), max(p.revised_at) filter (where p.sign > 0)`,
        update: `, revised_facts = a.revised_facts + excluded.revised_facts,
      last_revised_at = greatest(a.last_revised_at, excluded.last_revised_at)`,
      }
    : { columns: '', sums: '', update: '' };
  return `insert into statistics.${table} as a (${names.join(', ')}, facts, approximate_facts, ${SUMMED.join(', ')}${revisions.columns})
    select ${expressions.join(', ')}, sum(p.sign), coalesce(sum(p.sign) filter (where p.approximate), 0),
      ${SUMMED.map((column) => `sum(p.sign * p.${column})`).join(', ')}${revisions.sums}
    from (${placedSql(rows)}) as p
    group by ${positions} order by ${positions}
    on conflict (${names.join(', ')}) do update set facts = a.facts + excluded.facts,
      approximate_facts = a.approximate_facts + excluded.approximate_facts,
      ${SUMMED.map((column) => `${column} = a.${column} + excluded.${column}`).join(', ')}${revisions.update}`;
}

/** Rows that no longer add up any fact (after a delete, or an update that moved a fact) go. */
function prunedSql({ table, grain }: Aggregate, rows: string): string {
  const keys = { ...grain, ...COMMON };
  const names = Object.keys(keys);
  return `delete from statistics.${table} as a using (
      select distinct ${Object.entries(keys)
        .map(([name, expression]) => `${expression} as ${name}`)
        .join(', ')} from (${placedSql(rows)}) as p) as k
    where a.facts = 0 and ${names.map((name) => `a.${name} = k.${name}`).join(' and ')}`;
}

/** Rows touched by `rows` that no longer hold a revised fact lose their last revision time. */
function clearedSql({ table, grain }: Aggregate, rows: string): string {
  const keys = { ...grain, ...COMMON };
  const names = Object.keys(keys);
  return `update statistics.${table} as a set last_revised_at = null from (
      select distinct ${Object.entries(keys)
        .map(([name, expression]) => `${expression} as ${name}`)
        .join(', ')} from (${placedSql(rows)}) as p) as k
    where a.revised_facts = 0 and a.last_revised_at is not null and ${names.map((name) => `a.${name} = k.${name}`).join(' and ')}`;
}

const added = (table: string, generation: Generation) =>
  `select ${factColumns(generation)}, 1 as sign from ${table}`;
const removed = (table: string, generation: Generation) =>
  `select ${factColumns(generation)}, -1 as sign from ${table}`;

const body = (statements: string[]) => statements.map((statement) => `${statement};`).join('\n    ');

/** Every aggregate built from scratch from the facts already stored (the migration that creates them). */
export const backfillSql = (generation = CURRENT_GENERATION): string[] =>
  AGGREGATES.map((aggregate) =>
    upsertSql(aggregate, added('statistics.dossier_figure', generation), generation),
  );

/**
 * Every aggregate rebuilt from the facts, for a bulk load that disables the insert trigger around a large COPY
 * (one set-based pass over the facts instead of the trigger's pass over a transition table of millions of rows):
 * `alter table statistics.dossier_figure disable trigger dossier_figure_aggregate_insert`, COPY, enable it again,
 * then `select statistics.rebuild_usage_aggregates()`, all in one transaction.
 */
export const rebuildFunction = (
  generation = CURRENT_GENERATION,
) => `create or replace function statistics.rebuild_usage_aggregates() returns void
language plpgsql as $$
begin
  truncate ${AGGREGATES.map(({ table }) => `statistics.${table}`).join(', ')};
  ${body(backfillSql(generation))}
end $$`;

const cleared = (generation: Generation) =>
  generation.clearsRevisionTimes
    ? body(AGGREGATES.map((aggregate) => clearedSql(aggregate, removed('old_rows', generation))))
    : '';

/** The trigger function: the statement's transition tables (new_rows, old_rows) applied to every aggregate. */
export const triggerFunction = (
  generation = CURRENT_GENERATION,
) => `create or replace function statistics.dossier_figure_aggregate() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    ${body(AGGREGATES.map((aggregate) => upsertSql(aggregate, added('new_rows', generation), generation)))}
  elsif tg_op = 'UPDATE' then
    ${body(AGGREGATES.map((aggregate) => upsertSql(aggregate, `${added('new_rows', generation)} union all ${removed('old_rows', generation)}`, generation)))}
    ${body(AGGREGATES.map((aggregate) => prunedSql(aggregate, removed('old_rows', generation))))}
    ${cleared(generation)}
  elsif tg_op = 'DELETE' then
    ${body(AGGREGATES.map((aggregate) => upsertSql(aggregate, removed('old_rows', generation), generation)))}
    ${body(AGGREGATES.map((aggregate) => prunedSql(aggregate, removed('old_rows', generation))))}
    ${cleared(generation)}
  else
    truncate ${AGGREGATES.map(({ table }) => `statistics.${table}`).join(', ')};
  end if;
  return null;
end $$`;

const ON = 'on "statistics"."dossier_figure"';
const EXECUTE = 'for each statement execute function statistics.dossier_figure_aggregate()';

/**
 * The triggers, as the entity declares them (MikroORM compares them by name; their DDL is raw because the ORM's
 * trigger syntax has no transition tables). A trigger with transition tables fires for one event only.
 */
export const AGGREGATE_TRIGGERS = [
  {
    name: 'dossier_figure_aggregate_insert',
    events: ['insert'],
    ddl: `create trigger "dossier_figure_aggregate_insert" after insert ${ON} referencing new table as new_rows ${EXECUTE}`,
  },
  {
    name: 'dossier_figure_aggregate_update',
    events: ['update'],
    ddl: `create trigger "dossier_figure_aggregate_update" after update ${ON} referencing old table as old_rows new table as new_rows ${EXECUTE}`,
  },
  {
    name: 'dossier_figure_aggregate_delete',
    events: ['delete'],
    ddl: `create trigger "dossier_figure_aggregate_delete" after delete ${ON} referencing old table as old_rows ${EXECUTE}`,
  },
  {
    name: 'dossier_figure_aggregate_truncate',
    events: ['truncate'],
    ddl: `create trigger "dossier_figure_aggregate_truncate" after truncate ${ON} ${EXECUTE}`,
  },
] as const;
