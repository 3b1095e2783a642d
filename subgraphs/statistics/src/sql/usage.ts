import type { SqlEntityManager } from '@mikro-orm/sql';
import type { MonthlyUsage, Usage } from '../generated/resolvers-types.ts';

/** A usage as computed: the schema's fields, and the data sources its figures come from. */
export type UsageFigures = Omit<Usage, 'provenance'> & { sourceIds: string[] };

import type { MonthRange } from '../periods.ts';
import { figuresSql, ratio, SUMS, type SumsRow, scopeSql, storedCodes, usageNumbers } from './figures.ts';

/** How the figures of a key are picked: by service, by unit (a commune, or all communes of a province), or all. */
export type UsageScope = 'service' | 'unit' | 'all';

const MATCH: Record<UsageScope, string> = {
  service: 'g.service_code = k.key',
  unit: '(g.unit_key = k.key or g.province_key = k.key)',
  all: 'true',
};

export function emptyUsage(range: MonthRange): UsageFigures & { months: MonthlyUsage[] } {
  return {
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
    sourceIds: [],
  };
}

/**
 * Usage of many keys over a range of months in one aggregate statement (units first look up the codes they
 * absorbed): PostgreSQL adds up the facts by key and month
 * (on today's map); the totals per key are then the sum of at most a few dozen monthly rows.
 */
export async function usageByKeys(
  em: SqlEntityManager,
  scope: UsageScope,
  keys: string[],
  range: MonthRange,
): Promise<Map<string, UsageFigures>> {
  // Units are first narrowed on the stored codes, as everywhere, so the indexes serve them.
  const narrowed =
    scope === 'unit'
      ? scopeSql(null, { codes: keys, stored: await storedCodes(em, keys) })
      : { sql: [], params: [] };
  const rows = await em.execute<(SumsRow & { key: string; month: string })[]>(
    `select k.key, to_char(g.month, 'YYYY-MM') as month, ${SUMS}
     from (${figuresSql('CURRENT')}) as g
     join unnest(array[?]::text[]) as k(key) on ${MATCH[scope]}
     where g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM') ${narrowed.sql.map((sql) => `and ${sql}`).join(' ')}
     group by k.key, g.month
     order by k.key, g.month`,
    [keys, range.from, range.to, ...narrowed.params],
  );
  const monthsByKey = new Map<string, (SumsRow & { month: string })[]>(keys.map((key) => [key, []]));
  for (const row of rows) monthsByKey.get(row.key)?.push(row);
  return new Map([...monthsByKey].map(([key, months]) => [key, usageFromMonths(range, months)]));
}

/** A usage over a range from its monthly sums (in month order). */
export function usageFromMonths(range: MonthRange, rows: (SumsRow & { month: string })[]): UsageFigures {
  const usage = emptyUsage(range);
  for (const row of rows) {
    const month = usageNumbers(row);
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
  usage.onlineRate = ratio(usage.receivedOnline, usage.received);
  usage.onTimeRate = ratio(usage.resolvedOnTime, usage.resolvedOnTime + usage.resolvedLate);
  return usage;
}

/** Usage of a set of services in a set of units (commune or province codes) over a range, on today's map. */
export async function scopedUsage(
  em: SqlEntityManager,
  range: MonthRange,
  serviceCodes: string[],
  unitCodes: string[],
): Promise<UsageFigures> {
  const scope = scopeSql(serviceCodes, { codes: unitCodes, stored: await storedCodes(em, unitCodes) });
  const rows = await em.execute<(SumsRow & { month: string })[]>(
    `select to_char(g.month, 'YYYY-MM') as month, ${SUMS}
     from (${figuresSql('CURRENT')}) as g
     where g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM') and ${scope.sql.join(' and ')}
     group by g.month order by g.month`,
    [range.from, range.to, ...scope.params],
  );
  return usageFromMonths(range, rows);
}
