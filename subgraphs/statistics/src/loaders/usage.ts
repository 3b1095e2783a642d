import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput } from '@motcua/graphql-kit';
import type { MonthlyUsage, Usage } from '../generated/resolvers-types.ts';

export type MonthRange = { from: string; to: string };

type MonthRow = {
  key: string;
  month: string;
  received: number;
  received_online: number;
  received_in_person: number;
  received_by_post: number;
  resolved_on_time: number;
  resolved_late: number;
  illustrative: boolean;
};

/** How the figures of a key are picked: by service, by unit (a commune, or all communes of a province), or all. */
export type UsageScope = 'service' | 'unit' | 'all';

const MATCH: Record<UsageScope, string> = {
  service: 'f.service_code = k.key',
  unit: '(f.unit_code = k.key or f.province_code = k.key)',
  all: 'true',
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function checkRange({ from, to }: MonthRange): MonthRange {
  if (from > to)
    throw badUserInput(`\`from\` (${from}) must not be after \`to\` (${to})`, { argumentName: 'from' });
  return { from, to };
}

/**
 * Monthly sums for many keys in one statement (PostgreSQL adds up the facts); the per-key totals are then the
 * sum of at most a few dozen monthly rows.
 */
export async function usageByKeys(
  em: SqlEntityManager,
  scope: UsageScope,
  keys: string[],
  range: MonthRange,
): Promise<Map<string, Usage>> {
  const rows = await em.execute<MonthRow[]>(
    `select k.key, to_char(f.month, 'YYYY-MM') as month,
       sum(f.received)::int as received,
       coalesce(sum(f.received) filter (where f.channel = 'ONLINE'), 0)::int as received_online,
       coalesce(sum(f.received) filter (where f.channel = 'IN_PERSON'), 0)::int as received_in_person,
       coalesce(sum(f.received) filter (where f.channel = 'POST'), 0)::int as received_by_post,
       sum(f.resolved_on_time)::int as resolved_on_time,
       sum(f.resolved_late)::int as resolved_late,
       bool_or(f.illustrative) as illustrative
     from statistics.dossier_figure f
     join unnest(array[?]::text[]) as k(key) on ${MATCH[scope]}
     where f.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM')
     group by k.key, f.month
     order by k.key, f.month`,
    [keys, range.from, range.to],
  );
  const usages = new Map(keys.map((key) => [key, emptyUsage(range)]));
  for (const row of rows) {
    const usage = usages.get(row.key);
    if (!usage) continue;
    usage.received += row.received;
    usage.receivedOnline += row.received_online;
    usage.receivedInPerson += row.received_in_person;
    usage.receivedByPost += row.received_by_post;
    usage.resolvedOnTime += row.resolved_on_time;
    usage.resolvedLate += row.resolved_late;
    usage.illustrative ||= row.illustrative;
    usage.months.push({
      month: row.month,
      received: row.received,
      receivedOnline: row.received_online,
      onlineRate: ratio(row.received_online, row.received),
    });
  }
  for (const usage of usages.values()) {
    usage.onlineRate = ratio(usage.receivedOnline, usage.received);
    usage.onTimeRate = ratio(usage.resolvedOnTime, usage.resolvedOnTime + usage.resolvedLate);
  }
  return usages;
}

export function emptyUsage(range: MonthRange): Usage & { months: MonthlyUsage[] } {
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
    months: [],
    illustrative: false,
  };
}
