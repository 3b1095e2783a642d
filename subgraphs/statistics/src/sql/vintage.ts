// Vintages: the figures as they were known at a moment (ALFRED's real-time periods, SDMX's `asOf`), computed from
// the revision history, never from a copy of the tables.
//
// The plan. Every fact knows when it was first imported (`imported_at`) and every correction is in
// `figure_revision` with the values before and after it. The figures known at T are today's minus what changed
// after T: a fact first imported after T goes out whole; a fact corrected after T goes out as it is today and comes
// back as it was at T (the values before its first correction after T, and its latest correction up to T). So a
// vintage of an aggregate is
//
//   the aggregate's rows  UNION ALL  those changes placed on the aggregate's grain (signed, -1 out, +1 back)
//   grouped by the aggregate's key, rows adding up no fact dropped
//
// and reads the same aggregate rows as today's answer (the caller's filters on the key are pushed into both arms
// by PostgreSQL) plus only the revisions after T (index figure_revision_revised_at_index) and the facts imported
// after T (index dossier_figure_imported_at_index), each joined to its fact by primary key: one statement, whose
// cost grows with what changed since T, not with the 5 million facts. An `asOf` in the future or absent is today.
//
// Known limit: an aggregate keeps only its facts' latest correction time, so when that is after T and the figure
// also had corrections up to T that are not undone, `lastRevisedAt` as of T is that of the facts changed since T
// (the counts, `revised_facts` and the status are exact).
import { AGGREGATES, placedSql, SUMMED } from '../aggregates/maintenance.ts';

/** A moment as a SQL literal (from a parsed DateTime, never from text a client typed). */
const at = (asOf: Date) => `timestamptz '${asOf.toISOString()}'`;

/**
 * What a question is about, as far as it narrows the facts: months, services, channels, a unit (a commune or a
 * district, of today or dissolved, or a province: see unitScope) or the units placed in a province today. The
 * changes a vintage reads are narrowed on it, by the keys every revision carries (migration 0014); the caller's own
 * conditions still pick its rows, so a scope only has to hold them all.
 */
export type VintageScope = {
  from?: string;
  to?: string;
  services?: readonly string[] | null;
  channels?: readonly string[] | null;
  unit?: string | null;
  province?: string | null;
};

// The scope is written into the statement as literals: it sits inside a FROM clause whose statements bind their
// own parameters positionally after it, and PostgreSQL plans literal keys as well as bound ones. Only values made
// of the characters codes and months have are written (a `?` would be taken for a parameter); any other leaves
// that part of the scope out, which reads more changes but never fewer.
const SAFE = /^[\w.@-]+$/;
const quote = (value: string) => `'${value}'`;
const safe = (values: readonly string[] | null | undefined): values is readonly string[] =>
  Boolean(values?.length) && (values ?? []).every((value) => SAFE.test(value));
const list = (values: readonly string[]) => values.map(quote).join(', ');
const ROLLUP = 'statistics.unit_rollup';

/**
 * The scope as a condition on rows `x` with a fact's key (facts, or revisions): every fact that may count towards
 * what the caller asks, on either map (a unit's own code, and the codes of the dissolved units counted towards it
 * today), each part served by an index on (key, time).
 */
function scopeCondition(scope: VintageScope, x: string): string {
  const conditions: string[] = [];
  const month = (value: string | undefined) => (value && /^\d{4}-\d{2}$/.test(value) ? value : null);
  const [from, to] = [month(scope.from), month(scope.to)];
  if (from) conditions.push(`${x}.month >= to_date(${quote(from)}, 'YYYY-MM')`);
  if (to) conditions.push(`${x}.month <= to_date(${quote(to)}, 'YYYY-MM')`);
  if (safe(scope.services)) conditions.push(`${x}.service_code in (${list(scope.services)})`);
  if (safe(scope.channels)) conditions.push(`${x}.channel in (${list(scope.channels)})`);
  // A dissolved unit is named <code>@2025-06-30: its facts carry the bare code.
  const named = scope.unit?.split('@')[0];
  const unit = named && SAFE.test(named) ? named : null;
  const provinces = [scope.province, unit?.length === 2 ? unit : null].filter(
    (code): code is string => typeof code === 'string' && SAFE.test(code),
  );
  for (const province of provinces) {
    conditions.push(`(${x}.province_code = ${quote(province)}
      or ${x}.unit_code = any(array(select old_code from ${ROLLUP} where new_province_code = ${quote(province)})))`);
  }
  if (unit && unit.length !== 2) {
    const code = quote(unit);
    conditions.push(
      `${x}.unit_code = any(array(select ${code}::varchar union all select old_code from ${ROLLUP} where new_code = ${code}))`,
    );
  }
  return conditions.map((condition) => ` and ${condition}`).join('');
}

/** A DateTime argument (parsed, or its ISO text) as a Date; null when absent. */
export const moment = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

/** Whether a vintage differs from today's figures (nothing can have changed after now). */
export const isPast = (asOf: Date | null | undefined): asOf is Date =>
  asOf instanceof Date && asOf.getTime() < Date.now();

// figures.ts, which maintenance.ts reads, reads this module: what comes from maintenance.ts is read when called.
const values = () => [...SUMMED, 'field_code', 'source_id'] as const;
// A fact's key, and the batch that first imported it: what no correction changes.
const KEYS = ['service_code', 'unit_code', 'province_code', 'month', 'channel', 'batch_id'] as const;

/** A value of a fact as it was before a correction (`c.previous`), or the fact's own when the log lacks it. */
function previousValue(column: ReturnType<typeof values>[number]): string {
  if (column === 'field_code' || column === 'source_id')
    return `(case when c.previous->'${column}' is not null then c.previous->>'${column}' else f.${column} end)::varchar`;
  return `coalesce((c.previous->>'${column}')::int, f.${column})`;
}

/**
 * Fact-shaped rows with a `sign` (see the plan above): what must be taken from today's figures (-1, with the
 * fact's latest correction today, so that it is no longer counted as corrected) and given back (+1, with its latest
 * correction as of `asOf`) to have those known at `asOf`.
 */
export function changesSince(asOf: Date, scope: VintageScope = {}): string {
  const t = at(asOf);
  const today = [...KEYS, ...values()].map((column) => `f.${column}`).join(', ');
  const then = [...KEYS.map((column) => `f.${column}`), ...values().map(previousValue)].join(', ');
  // Only the corrections within the scope are read, by the revisions' own keys: the cost grows with what changed
  // there since T, not with every change since T.
  return `with corrected as materialized (
      select r.figure_id, r.month, (array_agg(r.previous order by r.id))[1] as previous
      from statistics.figure_revision r where r.revised_at > ${t}${scopeCondition(scope, 'r')} group by r.figure_id, r.month
    )
    select ${today}, f.revised_at, -1 as sign
    from statistics.dossier_figure f where f.imported_at > ${t}${scopeCondition(scope, 'f')}
    union all
    -- Each corrected fact is read once (by primary key, month included: the facts are partitioned by month, and an
    -- id alone is looked up in every partition) for both of its rows.
    select v.* from corrected c join statistics.dossier_figure f on f.id = c.figure_id and f.month = c.month
    cross join lateral (
      select ${today}, f.revised_at, -1
      union all
      select ${then},
        (select max(r.revised_at) from statistics.figure_revision r where r.figure_id = f.id and r.month = f.month and r.revised_at <= ${t}), 1
    ) as v
    where f.imported_at <= ${t}`;
}

const GROUPED = [...KEYS, 'field_code', 'source_id'].join(', ');

/**
 * The raw facts as known at `asOf`, with the columns rowsSql reads (one row per fact then, `revised_at` its
 * latest correction by then).
 */
export const factsAsOf = (
  asOf: Date,
  scope: VintageScope = {},
  FACT_COLUMNS = [...KEYS, ...values()].join(', '),
) => `(select ${GROUPED},
      ${SUMMED.map((column) => `sum(sign * ${column})::int as ${column}`).join(', ')},
      max(revised_at) filter (where sign > 0) as revised_at
    from (
      select ${FACT_COLUMNS}, case when revised_at <= ${at(asOf)} then revised_at end as revised_at, 1 as sign
      from statistics.dossier_figure
      union all
      select ${FACT_COLUMNS}, revised_at, sign from (${changesSince(asOf, scope)}) as c
    ) as v
    group by ${GROUPED}
    having sum(sign) <> 0)`;

/** One aggregate (usage_by_unit, _by_province, _by_service) as known at `asOf`, with the table's columns. */
export function aggregateAsOf(table: string, asOf: Date, scope: VintageScope = {}): string {
  const aggregate = AGGREGATES.find((candidate) => candidate.table === table);
  if (!aggregate) throw new Error(`No aggregate ${table}`);
  const key = [...Object.keys(aggregate.grain), 'month', 'channel', 'source_id'];
  // Cast to the table's types, so that PostgreSQL pushes the caller's conditions into both arms.
  const placed = [...Object.values(aggregate.grain), 'p.month', 'p.channel', 'p.source_id'].map((column) =>
    column === 'p.month' ? column : `(${column})::varchar`,
  );
  const positions = key.map((_, index) => index + 1).join(', ');
  const counts = ['facts', 'approximate_facts', ...SUMMED, 'revised_facts'];
  return `(select ${key.join(', ')}, ${counts.map((column) => `sum(${column})::bigint as ${column}`).join(', ')},
      max(last_revised_at) as last_revised_at
    from (
      select ${key.join(', ')}, ${counts.map((column) => `${column}::bigint`).join(', ')},
        case when last_revised_at <= ${at(asOf)} then last_revised_at end as last_revised_at
      from statistics.${table}
      union all
      select ${placed.join(', ')}, sum(p.sign)::bigint, coalesce(sum(p.sign) filter (where p.approximate), 0)::bigint,
        ${SUMMED.map((column) => `sum(p.sign * p.${column})::bigint`).join(', ')},
        coalesce(sum(p.sign) filter (where p.revised_at is not null), 0)::bigint,
        max(p.revised_at) filter (where p.sign > 0)
      from (${placedSql(changesSince(asOf, scope))}) as p
      group by ${positions}
    ) as v
    group by ${positions}
    having sum(facts) <> 0)`;
}

/** Days after its month ends during which a figure is PROVISIONAL: late dossiers and corrections still arrive. */
export const PROVISIONAL_DAYS = 90;
const DAY_MS = 86_400_000;

export type FigureStatus = 'PROVISIONAL' | 'REVISED' | 'FINAL';

/**
 * The status of figures whose latest month is `lastMonth`, of which `revisedFacts` were corrected, as known at
 * `asOf` (default now): PROVISIONAL until PROVISIONAL_DAYS after that month ended, then REVISED when any was
 * corrected, else FINAL.
 */
export function figureStatus(
  lastMonth: string,
  revisedFacts: number,
  lastRevisedAt: Date | string | null,
  asOf: Date | null = null,
) {
  const known = isPast(asOf) ? asOf.getTime() : Date.now();
  const [year, month] = lastMonth.split('-').map(Number) as [number, number];
  const settled = Date.UTC(year, month, 1) + PROVISIONAL_DAYS * DAY_MS;
  const status: FigureStatus = settled > known ? 'PROVISIONAL' : revisedFacts > 0 ? 'REVISED' : 'FINAL';
  return {
    status,
    revisedFacts,
    lastRevisedAt: lastRevisedAt === null ? null : new Date(lastRevisedAt),
    lastMonth,
  };
}
