import type { SqlEntityManager } from '@mikro-orm/sql';

/** The day units were reorganised: figures of earlier months may be reported under dissolved units. */
export const REORGANISED_ON = '2025-07-01';

export type Geography = 'CURRENT' | 'AS_REPORTED';

/**
 * Fact rows placed on a map: `unit_key` and `province_key` say where each figure counts. On today's map
 * (CURRENT), a figure reported before the reorganisation under a dissolved unit counts towards the unit that
 * absorbed it (see unit_rollup), and is `approximate` when that unit was split.
 */
export function figuresSql(geography: Geography): string {
  if (geography === 'AS_REPORTED') {
    return `select f.*, f.unit_code as unit_key, f.province_code as province_key, false as approximate, s.illustrative
      from statistics.dossier_figure f join statistics.data_source s on s.id = f.source_id`;
  }
  return `select f.*, coalesce(r.new_code, f.unit_code) as unit_key,
      coalesce(r.new_province_code, f.province_code) as province_key,
      coalesce(r.kind = 'PARTIAL', false) as approximate, s.illustrative
    from statistics.dossier_figure f
    join statistics.data_source s on s.id = f.source_id
    left join statistics.unit_rollup r on f.month < date '${REORGANISED_ON}' and r.old_code = f.unit_code`;
}

/** The sums every usage figure is made of, over rows of `figuresSql` aliased `g`. */
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
  array_agg(distinct g.source_id) as source_ids`;

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
};

export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The figures clients see, from a row of `SUMS`. */
export function usageNumbers(row: SumsRow) {
  return {
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
 * Conditions on `g` for optional services and units (communes, or provinces: every commune in them). A unit is
 * matched first on the stored codes (`stored`, from `storedCodes`), which the indexes serve, then exactly, on the map.
 */
export function scopeSql(serviceCodes: string[] | null, units: { codes: string[]; stored: string[] } | null) {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (serviceCodes) {
    sql.push('g.service_code in (?)');
    params.push(serviceCodes.length ? serviceCodes : ['']);
  }
  if (units) {
    const branches: string[] = [];
    // A province has a 2-digit code, a commune 5 digits.
    for (const [isProvince, stored, placed] of [
      [true, 'g.province_code', 'g.province_key'],
      [false, 'g.unit_code', 'g.unit_key'],
    ] as const) {
      const codes = units.codes.filter((code) => (code.length === 2) === isProvince);
      const storedCodes = units.stored.filter((code) => (code.length === 2) === isProvince);
      if (!codes.length) continue;
      branches.push(`(${stored} in (?) and ${placed} in (?))`);
      params.push(storedCodes, codes);
    }
    sql.push(branches.length ? `(${branches.join(' or ')})` : 'false');
  }
  return { sql, params };
}
