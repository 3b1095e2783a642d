import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput } from '@motcua/errors';
import type { UsagePoint, UsageShare } from '../generated/resolvers-types.ts';

export type UsagePointFigures = Omit<UsagePoint, 'provenance' | 'previous'> & {
  sourceIds: string[];
  previous?: UsagePointFigures | null;
};
export type UsageShareFigures = Omit<UsageShare, 'provenance' | 'previous'> & {
  sourceIds: string[];
  illustrative: boolean;
  previous?: UsageShareFigures | null;
};

import { type MonthRange, parsePeriod, previousPeriod } from '../periods.ts';
import {
  factsKept,
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
import { figureStatus, moment } from './vintage.ts';

export type Filters = {
  serviceCode?: string | null;
  unitCode?: string | null;
  geography?: Geography | null;
  /** The figures as known at this moment (default now). */
  asOf?: Date | string | null;
  /** Only what changed after this moment, with its figures as known then. */
  updatedAfter?: Date | string | null;
};

/** The filters with their moments as Dates. */
type Vintaged = Omit<Filters, 'asOf' | 'updatedAfter'> & { asOf: Date | null; updatedAfter: Date | null };

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

type KeyedSums = SumsRow & { key: string };

/**
 * Sums grouped by `groupBy` (a SQL expression over `g`), in PostgreSQL, for a range and optional filters, as known
 * at `filters.asOf`; with `filters.updatedAfter`, also as known then (`before`), in the same statement.
 */
async function sumsBy(
  em: SqlEntityManager,
  groupBy: string,
  source: Source,
  range: MonthRange,
  filters: Vintaged,
): Promise<{ now: KeyedSums[]; before: KeyedSums[] | null }> {
  const geography = filters.geography ?? 'CURRENT';
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (source === 'facts') {
    conditions.push(factsKept(`to_date(?, 'YYYY-MM')`, `to_date(?, 'YYYY-MM')`));
    params.push(range.from, range.to);
  }
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
  const vintages = [filters.asOf ?? null, ...(filters.updatedAfter ? [filters.updatedAfter] : [])];
  const rows = await em.execute<(KeyedSums & { vintage: number })[]>(
    vintages
      .map(
        (asOf, vintage) => `(select ${vintage} as vintage, ${groupBy} as key, ${SUMS}
     from (${rowsSql(source, geography, asOf, { ...range, services: filters.serviceCode ? [filters.serviceCode] : null, unit: filters.unitCode })}) as g
     where g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM') ${conditions.map((sql) => `and ${sql}`).join(' ')}
     group by 2)`,
      )
      .join(' union all ')
      .concat(' order by 1, 2'),
    vintages.flatMap(() => [range.from, range.to, ...params]),
  );
  return {
    now: rows.filter((row) => row.vintage === 0),
    before: filters.updatedAfter ? rows.filter((row) => row.vintage === 1) : null,
  };
}

const COMPARED = [
  'received',
  'received_online',
  'received_in_person',
  'received_by_post',
  'resolved_on_time',
  'resolved_late',
  'pending',
  'rejected',
  'revised_facts',
] as const;

/** Whether a key's figures differ between two vintages (a correction that keeps the sums still counts: it was revised). */
const changed = (now: KeyedSums, before: KeyedSums | undefined) =>
  !before ||
  COMPARED.some((column) => now[column] !== before[column]) ||
  String(now.last_revised_at) !== String(before.last_revised_at) ||
  [...now.source_ids].sort().join() !== [...before.source_ids].sort().join();

/**
 * With `updatedAfter`, only the keys whose figures changed since, each with what they were then (`previous`);
 * otherwise every key.
 */
function sinceUpdate<T>(
  sums: { now: KeyedSums[]; before: KeyedSums[] | null },
  figures: (row: KeyedSums, rows: KeyedSums[], asOf: Date | null) => T,
  filters: Vintaged,
): (T & { previous?: T | null })[] {
  if (!sums.before)
    return sums.now.map((row) => ({ ...figures(row, sums.now, filters.asOf), previous: undefined }));
  const before = new Map(sums.before.map((row) => [row.key, row]));
  const previousRows = sums.before;
  return sums.now
    .filter((row) => changed(row, before.get(row.key)))
    .map((row) => {
      const then = before.get(row.key);
      return {
        ...figures(row, sums.now, filters.asOf ?? null),
        previous: then ? figures(then, previousRows, filters.updatedAfter ?? null) : null,
      };
    });
}

/** `updatedAfter` must come before the vintage it is compared with. */
export function checkVintages(filters: Filters): Vintaged {
  const vintaged = { ...filters, asOf: moment(filters.asOf), updatedAfter: moment(filters.updatedAfter) };
  const asOf = vintaged.asOf ?? new Date();
  if (vintaged.updatedAfter && vintaged.updatedAfter >= asOf) {
    throw badUserInput(
      `\`updatedAfter\` (${vintaged.updatedAfter.toISOString()}) must be before \`asOf\` (${asOf.toISOString()}, or now when absent): it asks what changed between the two`,
      { argumentName: 'updatedAfter' },
    );
  }
  return vintaged;
}

export async function usageSeries(
  em: SqlEntityManager,
  granularity: keyof typeof PERIOD_SQL,
  range: MonthRange,
  filters: Filters,
): Promise<UsagePointFigures[]> {
  const vintaged = checkVintages(filters);
  const sums = await sumsBy(em, PERIOD_SQL[granularity], sourceFor(filters, null), range, vintaged);
  return sinceUpdate(sums, (row, _, asOf) => ({ period: row.key, ...usageNumbers(row, asOf) }), vintaged);
}

export async function usageBreakdown(
  em: SqlEntityManager,
  by: keyof typeof DIMENSION_SQL,
  range: MonthRange,
  filters: Filters,
): Promise<UsageShareFigures[]> {
  const vintaged = checkVintages(filters);
  const sums = await sumsBy(em, DIMENSION_SQL[by], sourceFor(filters, by), range, vintaged);
  const share = (row: KeyedSums, rows: KeyedSums[], asOf: Date | null): UsageShareFigures => {
    const numbers = usageNumbers(row, asOf);
    return {
      key: row.key,
      received: numbers.received,
      receivedOnline: numbers.receivedOnline,
      onlineRate: numbers.onlineRate,
      onTimeRate: numbers.onTimeRate,
      share:
        ratio(
          numbers.received,
          rows.reduce((sum, each) => sum + each.received, 0),
        ) ?? 0,
      approximate: numbers.approximate,
      illustrative: numbers.illustrative,
      sourceIds: numbers.sourceIds,
      status: numbers.status,
      lastRevisedAt: numbers.lastRevisedAt,
    };
  };
  return sinceUpdate(sums, share, vintaged).sort(
    (a, b) => b.received - a.received || a.key.localeCompare(b.key),
  );
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
  asOfArgument: Date | string | null = null,
) {
  const asOf = moment(asOfArgument);
  const current = parsePeriod(period);
  const previous = previousPeriod(current);
  const [key, source] =
    level === 'PROVINCE' ? ['g.province_key', 'province' as const] : ['g.unit_key', 'unit' as const];
  const scope = within ? 'and g.province_key = ?' : '';
  const ranked = (alias: string, range: MonthRange) => `${alias} as (
      select key, value, revised_facts, last_revised_at, last_month, rank() over (order by value desc)::int as rank from (
        select ${key} as key, ${METRIC_SQL[metric]} as value, sum(g.revised_facts)::int as revised_facts,
          max(g.last_revised_at) as last_revised_at, to_char(max(g.month), 'YYYY-MM') as last_month
        from (${rowsSql(source, 'CURRENT', asOf, { ...range, province: within })}) as g
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
      revised_facts: number;
      last_revised_at: Date | null;
      last_month: string;
    }[]
  >(
    `with ${ranked('now_ranked', current)}, ${ranked('before_ranked', previous)}
     select n.key, n.rank, n.value, b.rank as previous_rank, b.value as previous_value, n.revised_facts,
       n.last_revised_at, n.last_month
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
    ...figureStatus(row.last_month, row.revised_facts, row.last_revised_at, asOf),
  }));
}
