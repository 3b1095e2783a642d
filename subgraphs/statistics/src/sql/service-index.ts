import type { SqlEntityManager } from '@mikro-orm/sql';
import { loadUnitsBundle } from '@motcua/admin-units';
import { placedSql } from '../aggregates/maintenance.ts';
import type { MonthRange } from '../periods.ts';
import { REORGANISED_ON } from './figures.ts';
import { aggregateAsOf, isPast } from './vintage.ts';

export type IndexLevel = 'PROVINCE' | 'COMMUNE';

/** A criterion as scored for one unit and period (the JSON the statement builds, one per criterion). */
export type CriterionScoreRow = {
  code: string;
  group: string;
  name_vi: string;
  name_en: string;
  formula: 'BANDS' | 'PROPORTIONAL';
  numerator: string;
  denominator: string;
  numerator_noun_vi: string;
  numerator_noun_en: string;
  num: number | null;
  den: number | null;
  rate: number | null;
  points: number | null;
  max_points: number;
  more: number | null;
  gained: number | null;
};

export type ServiceIndexRow = {
  /** Null on the row of a page past the last one (it carries the total alone). */
  key: string;
  version: string;
  illustrative: boolean;
  points: number;
  max_points: number;
  assessed: number;
  inputs_missing: boolean;
  criteria: CriterionScoreRow[];
  rank: number;
  previous_rank: number | null;
  previous_points: number | null;
  total: number;
};

export type IndexQuery = {
  level: IndexLevel;
  current: MonthRange;
  previous: MonthRange;
  /** Only the communes of this province. */
  within?: string | null;
  /** Only this unit (its rank still among every unit of the level). */
  unitCode?: string | null;
  /** Keyset: the rank and code of the last row of the page before. */
  after?: [number, string] | null;
  limit: number;
  /** The dossier figures as known at this moment (default now); imported inputs and surveys are as they are now. */
  asOf?: Date | null;
};

/** Today's communes and their provinces, as two arrays for SQL (satisfaction surveys carry no province). */
let communeProvinces: [string[], string[]] | undefined;
function provincesOfCommunes(): [string[], string[]] {
  communeProvinces ??= (() => {
    const rows = loadUnitsBundle().current.filter(([, , parent]) => parent !== null);
    return [rows.map(([code]) => code), rows.map(([, , parent]) => parent as string)];
  })();
  return communeProvinces;
}

/**
 * The rows every score is made of, `(which, key, input, value, illustrative)` for both periods: dossier figures
 * from the usage aggregates (by province, or by unit for communes), imported inputs placed on today's map as the
 * facts are, and satisfaction surveys starting within the period. A unit without any row is not scored; an input
 * without a row is missing for that unit (never 0).
 */
function inputRowsSql(query: IndexQuery): string {
  const { level } = query;
  const within = Boolean(query.within);
  const province = level === 'PROVINCE';
  const table = province ? 'usage_by_province' : 'usage_by_unit';
  // A past vintage of the aggregate, narrowed on the months of both periods and the province asked.
  const figures = isPast(query.asOf)
    ? aggregateAsOf(table, query.asOf, {
        from: query.previous.from,
        to: query.current.to,
        province: province ? null : query.within,
      })
    : `statistics.${table}`;
  const factKey = province ? 'g.province_key' : 'g.unit_key';
  const factScope = province ? '' : `and length(g.unit_key) > 2 ${within ? 'and g.province_key = $5' : ''}`;
  const inputKey = province ? 'i.province_key' : 'i.unit_key';
  const inputScope = province ? '' : `and length(i.unit_key) > 2 ${within ? 'and i.province_key = $5' : ''}`;
  const surveyKey = province ? 'sv.province_key' : 'sv.unit_key';
  const surveyScope = province
    ? ''
    : `and length(sv.unit_key) > 2 ${within ? 'and sv.province_key = $5' : ''}`;
  return `
    select f.which, f.key, v.input, v.value, f.illustrative from (
      select p.which, ${factKey} as key, sum(g.received)::float8 as received,
        coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::float8 as received_online,
        sum(g.resolved_on_time + g.resolved_late)::float8 as resolved, sum(g.resolved_on_time)::float8 as resolved_on_time,
        bool_or(s.illustrative) as illustrative
      from periods p
      join ${figures} g on g.month between p.from_m and p.to_m ${factScope}
        -- Both periods' months as constants too, which PostgreSQL pushes into a vintage's arms.
        and g.month between to_date($3, 'YYYY-MM') and to_date($2, 'YYYY-MM')
      join statistics.data_source s on s.id = g.source_id
      group by 1, 2
    ) as f cross join lateral (values ('RECEIVED', f.received), ('RECEIVED_ONLINE', f.received_online),
      ('RESOLVED', f.resolved), ('RESOLVED_ON_TIME', f.resolved_on_time)) as v(input, value)
    union all
    select p.which, ${inputKey}, i.input, sum(i.value)::float8, bool_or(s.illustrative)
    from periods p
    join (${placedSql('select * from statistics.service_index_input')}) as i on i.month between p.from_m and p.to_m ${inputScope}
    join statistics.data_source s on s.id = i.source_id
    group by 1, 2, 3
    union all
    select p.which, sv.key, v.input, v.value, sv.illustrative from periods p
    join lateral (
      select ${surveyKey} as key, sum(sv.respondents)::float8 as respondents, sum(sv.satisfied)::float8 as satisfied,
        bool_or(sv.illustrative) as illustrative
      from (
        select s0.respondents, s0.satisfied, ds.illustrative, coalesce(r.new_code, s0.unit_code) as unit_key,
          coalesce(r.new_province_code, c.province_code, case when length(s0.unit_code) = 2 then s0.unit_code end) as province_key
        from statistics.satisfaction_survey s0
        join statistics.data_source ds on ds.id = s0.source_id
        left join statistics.unit_rollup r on s0.period_start < date '${REORGANISED_ON}' and r.old_code = s0.unit_code
        left join unnest(array[$6]::text[], array[$7]::text[]) as c(code, province_code) on c.code = coalesce(r.new_code, s0.unit_code)
        where s0.period_start between p.from_m and p.to_m
      ) as sv where true ${surveyScope}
      group by 1
    ) as sv on true
    cross join lateral (values ('RESPONDENTS', sv.respondents), ('SATISFIED', sv.satisfied)) as v(input, value)`;
}

/**
 * Scores, ranks and pages the units of a level for a period, and scores the previous period too, in one
 * statement: inputs added up per unit (see inputRowsSql), each criterion of the version in effect on the period's
 * first day turned into points (bands or proportional), what the next points need ("N more"), the totals, the
 * rank in both periods.
 */
export async function serviceIndexRows(em: SqlEntityManager, query: IndexQuery): Promise<ServiceIndexRow[]> {
  const [communes, provinces] = provincesOfCommunes();
  const filters = [
    query.unitCode ? 'and n.key = $8' : '',
    query.after ? 'and (n.rank, n.key) > ($9::int, $10::text)' : '',
  ].join(' ');
  const statement = numbered(
    `with periods as (
      select * from (values ('now', to_date($1, 'YYYY-MM'), to_date($2, 'YYYY-MM')),
        ('before', to_date($3, 'YYYY-MM'), to_date($4, 'YYYY-MM'))) as p(which, from_m, to_m)
    ), versions as (
      select p.which, s.version, s.illustrative from periods p
      cross join lateral (select version, illustrative from statistics.service_index_criteria_set
        where effective_from <= p.from_m order by effective_from desc limit 1) as s
    ), input_rows as (${inputRowsSql(query)}
    ), inputs as (
      select which, key, jsonb_object_agg(input, value) as vals, bool_or(illustrative) as illustrative
      from input_rows group by 1, 2
    ), scored as (
      select u.which, u.key, v.version, v.illustrative or u.illustrative as illustrative, c.*,
        (u.vals ->> c.numerator)::float8 as num, (u.vals ->> c.denominator)::float8 as den
      from inputs u join versions v on v.which = u.which
      join statistics.service_index_criterion c on c.criteria_set_version = v.version
    ), rated as (
      select s.*, case when s.num is not null and s.den > 0 then s.num / s.den end as rate from scored s
    ), pointed as (
      select r.*, round((case when r.rate is null then null
          when r.formula = 'BANDS' then coalesce((select max((b ->> 'points')::float8) from jsonb_array_elements(r.bands) b
            where r.rate >= (b ->> 'atLeast')::float8), 0)
          else r.max_points * least(1, r.rate / r.target) end)::numeric, 2)::float8 as points
      from rated r
    ), raised as (
      select p.*, n.more, n.gained from pointed p
      left join lateral (
        select greatest(1, ceil(t.goal * p.den - p.num - 1e-9))::int as more,
          round((t.points - p.points)::numeric, 2)::float8 as gained
        from (
          select (b ->> 'atLeast')::float8 as goal, (b ->> 'points')::float8 as points
          from jsonb_array_elements(case when p.formula = 'BANDS' then p.bands else '[]'::jsonb end) b
          union all select p.target, p.max_points where p.formula = 'PROPORTIONAL'
        ) as t
        where p.points is not null and t.points > p.points and t.goal <= 1
        order by t.goal limit 1
      ) as n on true
    ), totals as (
      select which, key, version, bool_or(illustrative) as illustrative,
        round(coalesce(sum(points), 0)::numeric, 2)::float8 as points, sum(max_points)::float8 as max_points,
        coalesce(sum(max_points) filter (where points is not null), 0)::float8 as assessed,
        bool_or(num is null or den is null) as inputs_missing,
        jsonb_agg(jsonb_build_object('code', code, 'group', "group", 'name_vi', name_vi, 'name_en', name_en,
          'formula', formula, 'numerator', numerator, 'denominator', denominator,
          'numerator_noun_vi', numerator_noun_vi, 'numerator_noun_en', numerator_noun_en, 'num', num, 'den', den,
          'rate', rate, 'points', points, 'max_points', max_points, 'more', more, 'gained', gained) order by position) as criteria
      from raised group by 1, 2, 3
    ), ranked as (
      select t.*, rank() over (partition by t.which order by t.points desc)::int as rank from totals t
    )
    -- One row at least, so the total comes back with a page past the last row too (its columns null).
    select t.total, page.* from (select count(*)::int as total from ranked where which = 'now') as t
    left join lateral (
      select n.key, n.version, n.illustrative, n.points, n.max_points, n.assessed, n.inputs_missing, n.criteria,
        n.rank, b.rank as previous_rank, b.points as previous_points
      from ranked n left join ranked b on b.which = 'before' and b.key = n.key
      where n.which = 'now' ${filters}
      order by n.rank, n.key limit $11
    ) as page on true`,
    [
      query.current.from,
      query.current.to,
      query.previous.from,
      query.previous.to,
      query.within ?? null,
      communes,
      provinces,
      query.unitCode ?? null,
      query.after?.[0] ?? null,
      query.after?.[1] ?? null,
      query.limit,
    ],
  );
  return em.execute<ServiceIndexRow[]>(statement.sql, statement.params);
}

/** The page's rows (a page past the last row is the total alone) and the total. */
export async function serviceIndexPage(em: SqlEntityManager, query: IndexQuery) {
  const rows = await serviceIndexRows(em, query);
  return { rows: rows.filter((row) => row.key !== null), total: rows[0]?.total ?? 0 };
}

/** `$n` placeholders (each value named once, used anywhere) as the `?` list the ORM's execute takes. */
function numbered(sql: string, values: unknown[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  return {
    sql: sql.replace(/\$(\d+)/g, (_, index: string) => {
      params.push(values[Number(index) - 1]);
      return '?';
    }),
    params,
  };
}
