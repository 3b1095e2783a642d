import type { SqlEntityManager } from '@mikro-orm/sql';
import { communesOf } from '../figures-import/unit-directory.ts';
import type { Satisfaction } from '../generated/resolvers-types.ts';
import type { MonthRange } from '../periods.ts';
import { ratio } from './figures.ts';

export type SatisfactionFigures = Omit<Satisfaction, 'provenance'> & { sourceIds: string[] };

/**
 * Satisfaction of many units (communes, or provinces: their communes) over the surveys that start within a range
 * of months, in one statement.
 */
export async function satisfactionByUnit(em: SqlEntityManager, units: string[], range: MonthRange) {
  // A province's surveys are its communes' surveys.
  const pairs = units.flatMap((unit) =>
    (unit.length === 2 ? communesOf(unit) : [unit]).map((commune) => [unit, commune] as const),
  );
  const rows = await em.execute<
    { key: string; respondents: number; satisfied: number; source_ids: string[] }[]
  >(
    `select k.key, sum(s.respondents)::int as respondents, sum(s.satisfied)::int as satisfied,
       array_agg(distinct s.source_id) as source_ids
     from statistics.satisfaction_survey s
     join unnest(array[?]::text[], array[?]::text[]) as k(key, unit_code) on s.unit_code = k.unit_code
     where s.period_start between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM')
     group by k.key`,
    [pairs.map(([key]) => key), pairs.map(([, unit]) => unit), range.from, range.to],
  );
  return new Map<string, SatisfactionFigures | null>(
    units.map((unit) => {
      const row = rows.find((candidate) => candidate.key === unit);
      return [
        unit,
        row
          ? {
              respondents: row.respondents,
              satisfied: row.satisfied,
              rate: ratio(row.satisfied, row.respondents),
              sourceIds: row.source_ids,
            }
          : null,
      ];
    }),
  );
}
