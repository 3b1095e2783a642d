import type { SqlEntityManager } from '@mikro-orm/sql';
import type { MonthlyUsage, Usage } from '../generated/resolvers-types.ts';

/** A usage as computed: the schema's fields, and the data sources its figures come from. */
export type UsageFigures = Omit<Usage, 'provenance'> & { sourceIds: string[]; revisedFacts: number };

import { isComplete, type MonthRange } from '../periods.ts';
import {
  factsKept,
  ratio,
  rowsSql,
  SUMS,
  type SumsRow,
  storedCodes,
  unitCondition,
  unitScope,
  usageNumbers,
} from './figures.ts';
import { figureStatus, moment } from './vintage.ts';

/** How the figures of a key are picked: by service, by unit (a commune, or all communes of a province), or all. */
export type UsageScope = 'service' | 'unit' | 'all';

/** A range of months, and the moment its figures are known at (null: now). */
export type VintageRange = MonthRange & { asOf?: Date | string | null };

export function emptyUsage(range: VintageRange): UsageFigures & { months: MonthlyUsage[] } {
  return {
    ...figureStatus(range.to, 0, null, moment(range.asOf)),
    ...range,
    received: 0,
    receivedOnline: 0,
    receivedInPerson: 0,
    receivedByPost: 0,
    onlineRate: null,
    resolvedOnTime: 0,
    resolvedLate: 0,
    onTimeRate: null,
    pending: 0,
    rejected: 0,
    months: [],
    approximate: false,
    illustrative: false,
    complete: isComplete(range),
    sourceIds: [],
  };
}

const BETWEEN = `g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM')`;

/**
 * Keyed rows for many keys at once, from the aggregates: services from the aggregate by service; units from the
 * aggregate by unit (communes) or by province, each unit matched as it is named (today's unit, or a dissolved
 * one: see unitScope). One statement whatever the keys.
 */
function keyedSql(
  scope: UsageScope,
  keys: string[],
  range: VintageRange,
): { sql: string; params: unknown[] } {
  const months = [range.from, range.to];
  const asOf = moment(range.asOf);
  const within = { from: range.from, to: range.to };
  if (scope === 'all')
    return {
      sql: `select 'all' as key, g.* from (${rowsSql('province', 'CURRENT', asOf, within)}) as g where ${BETWEEN}`,
      params: months,
    };
  if (scope === 'service') {
    return {
      sql: `select g.service_code as key, g.* from (${rowsSql('service', 'CURRENT', asOf, { ...within, services: keys })}) as g
        where g.service_code in (?) and ${BETWEEN}`,
      params: [keys, ...months],
    };
  }
  // Each unit has its own condition; they are few (the units of one response), so they go in one statement.
  const branches = keys.map((key) => {
    const unit = unitScope(key);
    const condition = unitCondition(unit.province ? 'province' : 'unit', 'CURRENT', unit, []);
    const columns = `g.month, g.channel, g.source_id, g.received, g.resolved_on_time, g.resolved_late, g.pending, g.rejected, g.approximate, g.illustrative, g.revised_facts, g.last_revised_at`;
    return {
      sql: `select ?::text as key, ${columns} from (${rowsSql(unit.province ? 'province' : 'unit', 'CURRENT', asOf, { ...within, unit: key })}) as g
        where ${condition.sql} and ${BETWEEN}`,
      params: [key, ...condition.params, ...months],
    };
  });
  return {
    sql: branches.map((branch) => branch.sql).join(' union all '),
    params: branches.flatMap((branch) => branch.params),
  };
}

/**
 * Usage of many keys over a range of months in one aggregate statement: PostgreSQL adds up the aggregates by key
 * and month; the totals per key are then the sum of at most a few dozen monthly rows.
 */
export async function usageByKeys(
  em: SqlEntityManager,
  scope: UsageScope,
  keys: string[],
  range: VintageRange,
): Promise<Map<string, UsageFigures>> {
  const keyed = keyedSql(scope, keys, range);
  const rows = await em.execute<(SumsRow & { key: string; month: string })[]>(
    `select g.key, to_char(g.month, 'YYYY-MM') as month, ${SUMS}
     from (${keyed.sql}) as g
     group by g.key, g.month
     order by g.key, g.month`,
    keyed.params,
  );
  const monthsByKey = new Map<string, (SumsRow & { month: string })[]>(keys.map((key) => [key, []]));
  for (const row of rows) monthsByKey.get(row.key)?.push(row);
  return new Map([...monthsByKey].map(([key, months]) => [key, usageFromMonths(range, months)]));
}

/** A usage over a range from its monthly sums (in month order). */
export function usageFromMonths(range: VintageRange, rows: (SumsRow & { month: string })[]): UsageFigures {
  const usage = emptyUsage(range);
  let lastRevisedAt: Date | null = null;
  for (const row of rows) {
    const month = usageNumbers(row, moment(range.asOf));
    usage.revisedFacts += month.revisedFacts;
    if (month.lastRevisedAt && (!lastRevisedAt || month.lastRevisedAt > lastRevisedAt))
      lastRevisedAt = month.lastRevisedAt;
    usage.received += month.received;
    usage.receivedOnline += month.receivedOnline;
    usage.receivedInPerson += month.receivedInPerson;
    usage.receivedByPost += month.receivedByPost;
    usage.resolvedOnTime += month.resolvedOnTime;
    usage.resolvedLate += month.resolvedLate;
    usage.pending += month.pending;
    usage.rejected += month.rejected;
    usage.approximate ||= month.approximate;
    usage.illustrative ||= month.illustrative;
    usage.sourceIds = [...new Set([...usage.sourceIds, ...month.sourceIds])];
    usage.months.push({
      month: row.month,
      received: month.received,
      receivedOnline: month.receivedOnline,
      onlineRate: month.onlineRate,
    });
  }
  const last = rows.at(-1);
  if (last)
    Object.assign(usage, figureStatus(last.month, usage.revisedFacts, lastRevisedAt, moment(range.asOf)));
  usage.onlineRate = ratio(usage.receivedOnline, usage.received);
  usage.onTimeRate = ratio(usage.resolvedOnTime, usage.resolvedOnTime + usage.resolvedLate);
  return usage;
}

/** Services in units (commune or province codes of today) over a range of months: what a campaign targets. */
export type TargetScope = { key: string; serviceCodes: string[]; unitCodes: string[]; range: MonthRange };

const texts = (json: string) => `array(select jsonb_array_elements_text(${json}))`;

/**
 * Monthly usage of many scopes (services × units × months, on today's map) in one statement, from the raw facts
 * (only they hold services and units together), each scope narrowed on its services' index.
 */
export async function scopedMonths(
  em: SqlEntityManager,
  scopes: TargetScope[],
): Promise<Map<string, (SumsRow & { month: string })[]>> {
  const stored = new Set(await storedCodes(em, [...new Set(scopes.flatMap((scope) => scope.unitCodes))]));
  const storedFor = (codes: string[], province: boolean) => {
    const wanted = new Set(codes.filter((code) => (code.length === 2) === province));
    return { placed: [...wanted], stored: [...stored].filter((code) => (code.length === 2) === province) };
  };
  const payload = scopes.map((scope) => {
    const communes = storedFor(scope.unitCodes, false);
    const provinces = storedFor(scope.unitCodes, true);
    return {
      key: scope.key,
      services: scope.serviceCodes,
      communes: communes.placed,
      stored_communes: communes.placed.length ? communes.stored : [],
      provinces: provinces.placed,
      stored_provinces: provinces.placed.length ? provinces.stored : [],
      from_month: scope.range.from,
      to_month: scope.range.to,
    };
  });
  const rows = await em.execute<(SumsRow & { key: string; month: string })[]>(
    `select k.key, to_char(g.month, 'YYYY-MM') as month, ${SUMS}
     from jsonb_to_recordset(?::jsonb) as k(key text, services jsonb, communes jsonb, stored_communes jsonb,
       provinces jsonb, stored_provinces jsonb, from_month text, to_month text)
     cross join lateral (
       select g.* from (${rowsSql('facts', 'CURRENT')}) as g
       where g.service_code = any(${texts('k.services')})
         and g.month between to_date(k.from_month, 'YYYY-MM') and to_date(k.to_month, 'YYYY-MM')
         and ${factsKept(`to_date(k.from_month, 'YYYY-MM')`, `to_date(k.to_month, 'YYYY-MM')`)}
         and ((g.unit_code = any(${texts('k.stored_communes')}) and g.unit_key = any(${texts('k.communes')}))
           or (g.province_code = any(${texts('k.stored_provinces')}) and g.province_key = any(${texts('k.provinces')})))
     ) as g
     group by k.key, g.month order by k.key, g.month`,
    [JSON.stringify(payload)],
  );
  const byKey = new Map<string, (SumsRow & { month: string })[]>(scopes.map((scope) => [scope.key, []]));
  for (const row of rows) byKey.get(row.key)?.push(row);
  return byKey;
}
