import type { SqlEntityManager } from '@mikro-orm/sql';
import { dayBefore } from '@motcua/admin-units';
import { provinceOf } from '../figures-import/unit-directory.ts';
import { aggregateAsOf, factsAsOf, figureStatus, isPast, type VintageScope } from './vintage.ts';

/** The day units were reorganised: figures of earlier months are reported under units dissolved that day. */
export const REORGANISED_ON = '2025-07-01';
/** The key suffix of the units dissolved on 1 July 2025 (their last day in force): `00004@2025-06-30`. */
export const DISSOLVED_SUFFIX = `@${dayBefore(REORGANISED_ON)}`;

export type Geography = 'CURRENT' | 'AS_REPORTED';

/**
 * Where figures are read from: the raw facts, or one of the aggregates the triggers keep exact (by unit, by
 * province, by service; see src/aggregates/maintenance.ts). Every source gives rows `g` with the same columns for
 * what it holds: service_code, field_key, unit_code, province_code (as reported), unit_key, province_key (on the
 * map asked for), month, channel, source_id, the summed figures, approximate and illustrative, revised_facts and
 * last_revised_at (see vintage.ts), and the import batch of a raw fact (null for aggregates).
 */
export type Source = 'facts' | 'unit' | 'province' | 'service';

const BEFORE = `g0.month < date '${REORGANISED_ON}'`;
/** A reported code as the key of the unit that had it: dissolved units keep their own keys, never today's. */
const reportedKey = (column: string) =>
  `case when ${BEFORE} then g0.${column} || '${DISSOLVED_SUFFIX}' else g0.${column} end`;

const FIGURES =
  'g0.month, g0.channel, g0.source_id, g0.received, g0.resolved_on_time, g0.resolved_late, g0.pending, g0.rejected';

/** The aggregates: their table, and the columns of the map they hold (as reported, besides the keys on today's map). */
const AGGREGATE_COLUMNS: Record<
  Exclude<Source, 'facts'>,
  { table: string; codes: string[]; columns: string }
> = {
  unit: { table: 'usage_by_unit', codes: ['unit', 'province'], columns: '' },
  province: { table: 'usage_by_province', codes: ['province'], columns: '' },
  service: { table: 'usage_by_service', codes: [], columns: 'g0.service_code, g0.field_key, ' },
};

/**
 * Rows of `source` placed on a map (see Source), as known today or, with `asOf` in the past, as known then (the
 * same columns, from the revision history: see sql/vintage.ts, which reads only the changes within `scope`: it
 * must hold every row the caller keeps).
 */
export function rowsSql(
  source: Source,
  geography: Geography,
  asOf: Date | null = null,
  scope: VintageScope = {},
): string {
  const illustrative = 'join statistics.data_source s on s.id = g0.source_id';
  const past = isPast(asOf);
  if (source === 'facts') {
    const facts = past ? factsAsOf(asOf, scope) : 'statistics.dossier_figure';
    const columns = `g0.service_code, coalesce(g0.field_code, 'unknown') as field_key, g0.unit_code, g0.province_code, ${FIGURES}, s.illustrative,
      (g0.revised_at is not null)::int as revised_facts, g0.revised_at as last_revised_at, g0.batch_id`;
    if (geography === 'AS_REPORTED') {
      return `select ${columns}, ${reportedKey('unit_code')} as unit_key, ${reportedKey('province_code')} as province_key, false as approximate
        from ${facts} g0 ${illustrative}`;
    }
    return `select ${columns}, coalesce(r.new_code, g0.unit_code) as unit_key,
        coalesce(r.new_province_code, g0.province_code) as province_key, coalesce(r.kind = 'PARTIAL', false) as approximate
      from ${facts} g0 ${illustrative}
      left join statistics.unit_rollup r on ${BEFORE} and r.old_code = g0.unit_code`;
  }
  const { table, codes, columns } = AGGREGATE_COLUMNS[source];
  const relation = past ? aggregateAsOf(table, asOf, scope) : `statistics.${table}`;
  const places = codes.map((code) =>
    geography === 'AS_REPORTED'
      ? `g0.${code}_code, ${reportedKey(`${code}_code`)} as ${code}_key`
      : `g0.${code}_code, g0.${code}_key`,
  );
  const approximate = geography === 'AS_REPORTED' ? 'false' : 'g0.approximate_facts > 0';
  return `select ${columns}${[...places, FIGURES].join(', ')}, s.illustrative, ${approximate} as approximate,
      g0.revised_facts, g0.last_revised_at, null::uuid as batch_id
    from ${relation} g0 ${illustrative}`;
}

/**
 * A condition for reads of the raw facts over the months `from`..`to` (SQL date expressions): true, or an error
 * (SQLSTATE MC400, answered as BAD_USER_INPUT with reason FACTS_ARCHIVED) naming the months in that range whose
 * facts were archived (src/partitions/archive.ts), so that such a read says so instead of answering with less. Its
 * arguments name no fact, so PostgreSQL checks it once per statement (or per outer row of a lateral join).
 */
export const factsKept = (from: string, to: string) => `statistics.facts_kept(${from}, ${to})`;

/** The sums every usage figure is made of, over rows of `rowsSql` aliased `g`. */
export const SUMS = `sum(g.received)::int as received,
  coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::int as received_online,
  coalesce(sum(g.received) filter (where g.channel = 'IN_PERSON'), 0)::int as received_in_person,
  coalesce(sum(g.received) filter (where g.channel = 'POST'), 0)::int as received_by_post,
  sum(g.resolved_on_time)::int as resolved_on_time,
  sum(g.resolved_late)::int as resolved_late,
  sum(g.pending)::int as pending,
  sum(g.rejected)::int as rejected,
  bool_or(g.approximate) as approximate,
  bool_or(g.illustrative) as illustrative,
  array_agg(distinct g.source_id) as source_ids,
  sum(g.revised_facts)::int as revised_facts,
  max(g.last_revised_at) as last_revised_at,
  to_char(max(g.month), 'YYYY-MM') as last_month`;

export type SumsRow = {
  received: number;
  received_online: number;
  received_in_person: number;
  received_by_post: number;
  resolved_on_time: number;
  resolved_late: number;
  pending: number;
  rejected: number;
  approximate: boolean;
  illustrative: boolean;
  source_ids: string[];
  revised_facts: number;
  last_revised_at: Date | null;
  last_month: string;
};

export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The figures clients see, from a row of `SUMS`, with their status as known at `asOf` (default now). */
export function usageNumbers(row: SumsRow, asOf: Date | null = null) {
  return {
    ...figureStatus(row.last_month, row.revised_facts, row.last_revised_at, asOf),
    received: row.received,
    receivedOnline: row.received_online,
    receivedInPerson: row.received_in_person,
    receivedByPost: row.received_by_post,
    onlineRate: ratio(row.received_online, row.received),
    resolvedOnTime: row.resolved_on_time,
    resolvedLate: row.resolved_late,
    onTimeRate: ratio(row.resolved_on_time, row.resolved_on_time + row.resolved_late),
    pending: row.pending,
    rejected: row.rejected,
    approximate: row.approximate,
    illustrative: row.illustrative,
    sourceIds: row.source_ids,
  };
}

/**
 * A unit a client named, as the figures know it: a province (2 digits) or a unit below (a commune, or a district
 * before 2025); a unit in force today, or one dissolved on 1 July 2025 — named `<code>@2025-06-30`, or by its bare
 * code when no unit of today has that code. `none` when no unit ever had the key.
 */
export type UnitScope = { code: string; province: boolean; dissolved: boolean; none: boolean };

export function unitScope(key: string): UnitScope {
  const [code = '', day] = key.split('@');
  // Asked for the month before and the month after the reorganisation, the directory says whether a unit had the code then.
  const inForce = provinceOf(code, REORGANISED_ON.slice(0, 7)) !== null;
  const dissolved =
    day !== undefined || (!inForce && provinceOf(code, dayBefore(REORGANISED_ON).slice(0, 7)) !== null);
  return {
    code,
    province: code.length === 2,
    dissolved,
    none: day !== undefined && `@${day}` !== DISSOLVED_SUFFIX,
  };
}

/** The stored codes whose figures may count towards `unitCodes` on today's map: the units, and the dissolved units that roll up to them. */
export async function storedCodes(em: SqlEntityManager, unitCodes: string[]): Promise<string[]> {
  if (!unitCodes.length) return [];
  const rows = await em.execute<{ old_code: string }[]>(
    'select old_code from statistics.unit_rollup where new_code in (?)',
    [unitCodes],
  );
  return [...new Set([...unitCodes, ...rows.map((row) => row.old_code)])];
}

/**
 * The condition on `g` (rows of `source` on `geography`'s map) for one unit: a dissolved unit's own figures (on
 * either map), a unit of today's figures as reported under it (AS_REPORTED) or counted towards it (CURRENT). Raw
 * facts are first narrowed on the stored codes (`stored`, from `storedCodes`), which their indexes serve.
 */
export function unitCondition(
  source: Source,
  geography: Geography,
  unit: UnitScope,
  stored: string[],
): { sql: string; params: unknown[] } {
  if (unit.none) return { sql: 'false', params: [] };
  const reported = unit.province ? 'g.province_code' : 'g.unit_code';
  const placed = unit.province ? 'g.province_key' : 'g.unit_key';
  const before = `g.month < date '${REORGANISED_ON}'`;
  if (unit.dissolved) return { sql: `(${reported} = ? and ${before})`, params: [unit.code] };
  if (geography === 'AS_REPORTED') return { sql: `(${reported} = ? and not ${before})`, params: [unit.code] };
  if (source === 'facts')
    return { sql: `(${reported} in (?) and ${placed} = ?)`, params: [stored, unit.code] };
  return { sql: `${placed} = ?`, params: [unit.code] };
}
