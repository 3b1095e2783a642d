import type { SqlEntityManager } from '@mikro-orm/sql';
import type { UsagePoint, UsageShare } from '../generated/resolvers-types.ts';

export type UsagePointFigures = Omit<UsagePoint, 'provenance'> & { sourceIds: string[] };
export type UsageShareFigures = Omit<UsageShare, 'provenance'> & { sourceIds: string[] };

import { type MonthRange, parsePeriod, previousPeriod } from '../periods.ts';
import {
  type Geography,
  ratio,
  rowsSql,
  type Source,
  SUMS,
  type SumsRow,
  storedCodes,
  unitCondition,
  unitScope,
  usageNumbers,
} from './figures.ts';

export type Filters = { serviceCode?: string | null; unitCode?: string | null; geography?: Geography | null };

const PERIOD_SQL = {
  MONTH: `to_char(g.month, 'YYYY-MM')`,
  QUARTER: `to_char(g.month, 'YYYY-"Q"Q')`,
  YEAR: `to_char(g.month, 'YYYY')`,
} as const;

const DIMENSION_SQL = {
  UNIT: 'g.unit_key',
  PROVINCE: 'g.province_key',
  SERVICE: 'g.service_code',
  FIELD: 'g.field_key',
  CHANNEL: 'g.channel',
} as const;

/**
 * The smallest source holding what a question needs: services and units (or provinces) together only the raw
 * facts hold; a service (or a service or field breakdown) the aggregate by service; a commune (or a breakdown by
 * unit) the aggregate by unit; anything else, provinces and the whole country, the aggregate by province.
 */
function sourceFor(filters: Filters, dimension: keyof typeof DIMENSION_SQL | null): Source {
  const unit = filters.unitCode ? unitScope(filters.unitCode) : null;
  const byService = Boolean(filters.serviceCode) || dimension === 'SERVICE' || dimension === 'FIELD';
  const byUnit = (unit !== null && !unit.province) || dimension === 'UNIT';
  const byPlace = byUnit || unit !== null || dimension === 'PROVINCE';
  if (byService && byPlace) return 'facts';
  if (byService) return 'service';
  return byUnit ? 'unit' : 'province';
}

/** Sums grouped by `groupBy` (a SQL expression over `g`), in PostgreSQL, for a range and optional filters. */
async function sumsBy(
  em: SqlEntityManager,
  groupBy: string,
  source: Source,
  range: MonthRange,
  filters: Filters,
) {
  const geography = filters.geography ?? 'CURRENT';
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.serviceCode) {
    conditions.push('g.service_code = ?');
    params.push(filters.serviceCode);
  }
  if (filters.unitCode) {
    const unit = unitScope(filters.unitCode);
    const needsStored = source === 'facts' && geography === 'CURRENT' && !unit.dissolved && !unit.none;
    const condition = unitCondition(
      source,
      geography,
      unit,
      needsStored ? await storedCodes(em, [unit.code]) : [],
    );
    conditions.push(condition.sql);
    params.push(...condition.params);
  }
  return em.execute<(SumsRow & { key: string })[]>(
    `select ${groupBy} as key, ${SUMS}
     from (${rowsSql(source, geography)}) as g
     where g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM') ${conditions.map((sql) => `and ${sql}`).join(' ')}
     group by 1 order by 1`,
    [range.from, range.to, ...params],
  );
}

export async function usageSeries(
  em: SqlEntityManager,
  granularity: keyof typeof PERIOD_SQL,
  range: MonthRange,
  filters: Filters,
): Promise<UsagePointFigures[]> {
  const rows = await sumsBy(em, PERIOD_SQL[granularity], sourceFor(filters, null), range, filters);
  return rows.map((row) => ({ period: row.key, ...usageNumbers(row) }));
}

export async function usageBreakdown(
  em: SqlEntityManager,
  by: keyof typeof DIMENSION_SQL,
  range: MonthRange,
  filters: Filters,
): Promise<UsageShareFigures[]> {
  const rows = await sumsBy(em, DIMENSION_SQL[by], sourceFor(filters, by), range, filters);
  const total = rows.reduce((sum, row) => sum + row.received, 0);
  return rows
    .map((row) => {
      const numbers = usageNumbers(row);
      return {
        key: row.key,
        received: numbers.received,
        receivedOnline: numbers.receivedOnline,
        onlineRate: numbers.onlineRate,
        onTimeRate: numbers.onTimeRate,
        share: ratio(numbers.received, total) ?? 0,
        approximate: numbers.approximate,
        sourceIds: numbers.sourceIds,
      };
    })
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
}

const METRIC_SQL = {
  RECEIVED: 'sum(g.received)::float8',
  ONLINE_RATE: `(coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::float8 / nullif(sum(g.received), 0))`,
  ON_TIME_RATE:
    '(sum(g.resolved_on_time)::float8 / nullif(sum(g.resolved_on_time) + sum(g.resolved_late), 0))',
} as const;

/**
 * Units ranked by a metric over a period, with their rank in the previous period of the same length, on today's
 * map: every unit of the level in the country, or only those of one province (`within`). Ties share a rank (SQL
 * `rank()`); units without a value (nothing received) are not ranked.
 */
export async function usageRanking(
  em: SqlEntityManager,
  metric: keyof typeof METRIC_SQL,
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE',
  period: string,
  first: number,
  within: string | null = null,
) {
  const current = parsePeriod(period);
  const previous = previousPeriod(current);
  const [key, source] =
    level === 'PROVINCE' ? ['g.province_key', 'province' as const] : ['g.unit_key', 'unit' as const];
  const scope = within ? 'and g.province_key = ?' : '';
  const ranked = (alias: string) => `${alias} as (
      select key, value, rank() over (order by value desc)::int as rank from (
        select ${key} as key, ${METRIC_SQL[metric]} as value from (${rowsSql(source, 'CURRENT')}) as g
        where g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM') ${scope} group by 1
      ) as valued where value is not null)`;
  const periodParams = (range: MonthRange) => [range.from, range.to, ...(within ? [within] : [])];
  const rows = await em.execute<
    {
      key: string;
      rank: number;
      value: number;
      previous_rank: number | null;
      previous_value: number | null;
    }[]
  >(
    `with ${ranked('now_ranked')}, ${ranked('before_ranked')}
     select n.key, n.rank, n.value, b.rank as previous_rank, b.value as previous_value
     from now_ranked n left join before_ranked b on b.key = n.key
     order by n.rank, n.key limit ?`,
    [...periodParams(current), ...periodParams(previous), first],
  );
  return rows.map((row) => ({
    unit: { code: row.key },
    rank: row.rank,
    value: row.value,
    previousRank: row.previous_rank,
    previousValue: row.previous_value,
    rankChange: row.previous_rank === null ? null : row.previous_rank - row.rank,
  }));
}
