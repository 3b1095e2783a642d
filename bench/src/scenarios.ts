// The fixed scenarios: each one's GraphQL operation, the deterministic variables its virtual clients send, and,
// for the analyst queries, the naive GROUP BY over the raw facts that answers the same question. They live
// together so that they follow the API together: when the statistics subgraph gains a province dimension or a
// within-province ranking, the operation and its naive twin change here, side by side.
import { monthsBetween, shiftMonth } from './generator/facts.ts';
import type { DatasetParameters } from './generator/parameters.ts';
import { unit } from './generator/random.ts';
import { SEARCH_TERMS, serviceCode } from './generator/services.ts';
import { loadUnits } from './generator/units.ts';
import type { CallerKind } from './identity.ts';
import type { Subgraph } from './processes.ts';

export type Variables = Record<string, unknown>;

/** One virtual client's sequence of requests (state, such as a feed cursor, lives here). */
export type VirtualClient = {
  variables: () => Variables;
  /** Told of each response's body, for clients whose next request depends on it. */
  onBody?: (body: string) => void;
};

/** The naive SQL answering an analyst query from the raw facts, and how its rows compare with the hub's answer. */
export type NaiveQuery = {
  sql: string;
  params: (variables: Variables) => unknown[];
  /** The hub's answer (its `data`) as rows comparable with the naive ones. */
  fromHub: (data: Record<string, unknown>) => Record<string, unknown>[];
};

export type Scenario = {
  id: string;
  title: string;
  operationName: string;
  query: string;
  /** The one subgraph that can answer it alone (the direct baseline), or null when it spans several. */
  subgraph: Subgraph | null;
  caller: CallerKind;
  /** Virtual client number `index`'s requests. */
  client: (index: number) => VirtualClient;
  /** Whether the hand-written limit server answers it. */
  limit?: boolean;
  naive?: NaiveQuery;
  /** What the API cannot yet ask, and what the scenario asks instead. */
  gap?: string;
};

/** Picks from a list favouring its head, as real traffic favours the busy pages: deterministic per client and request. */
const skewed = <T>(items: readonly T[], client: number, sequence: number): T =>
  items[Math.floor(items.length * unit(client, sequence, 17) ** 2)] as T;

/** A client cycling through variables drawn by `draw`. */
const drawing =
  (draw: (client: number, sequence: number) => Variables) =>
  (index: number): VirtualClient => {
    let sequence = 0;
    return { variables: () => draw(index, sequence++) };
  };

const REORGANISED = "date '2025-07-01'";

/** Fact rows placed on today's map by the bench's own roll-up (computed from the admin-units bundle). */
const ON_TODAYS_MAP = `select f.*, coalesce(r.new_code, f.unit_code) as unit_key,
    coalesce(r.new_province_code, f.province_code) as province_key, coalesce(r.partial, false) as approximate
  from statistics.dossier_figure f
  left join motcua_bench.unit_rollup r on f.month < ${REORGANISED} and r.old_code = f.unit_code`;

const SUMS = `sum(g.received)::int as received,
  coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::int as "receivedOnline",
  bool_or(g.approximate) as approximate`;

/** Hà Nội's communes ranked by online rate over the months from..to (SQL parameters), on today's map. */
const rankedSql = (
  from: string,
  to: string,
) => `select key, value, rank() over (order by value desc)::int as rank from (
    select g.unit_key as key, coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::float8 / nullif(sum(g.received), 0) as value
    from (${ON_TODAYS_MAP}) as g where g.month between to_date(${from}, 'YYYY-MM') and to_date(${to}, 'YYYY-MM')
      and g.province_key = '01' group by 1
  ) as valued where value is not null`;

const seriesRows = (data: Record<string, unknown>) =>
  (data.usageSeries as Record<string, unknown>[]).map(
    ({ period, received, receivedOnline, approximate }) => ({
      period,
      received,
      receivedOnline,
      approximate,
    }),
  );

/**
 * The facts as known at $4 (a moment before the dataset's corrections), on today's map: those first imported by
 * then, each with its values before its first correction after then (what the hub computes from today's aggregates
 * and the revisions since, here from every fact and its revision log).
 */
const KNOWN_THEN = `select f.month, f.channel, coalesce(r.new_code, f.unit_code) as unit_key,
    coalesce(r.partial, false) as approximate, coalesce((c.previous->>'received')::int, f.received) as received
  from statistics.dossier_figure f
  left join motcua_bench.unit_rollup r on f.month < ${REORGANISED} and r.old_code = f.unit_code
  left join lateral (
    select v.previous from statistics.figure_revision v where v.figure_id = f.id and v.revised_at > $4::timestamptz
    order by v.id limit 1
  ) as c on true
  where f.imported_at <= $4::timestamptz`;

/** The months of a period written 2026-Q2, and of the quarter before it. */
function quarterMonths(period: string) {
  const [year, quarter] = period.split('-Q').map(Number) as [number, number];
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}`;
  return {
    from,
    to: shiftMonth(from, 2),
    previousFrom: shiftMonth(from, -3),
    previousTo: shiftMonth(from, -1),
  };
}

/** What the loaded dataset decides besides its parameters: when its corrections batch began. */
export type DatasetMoments = { correctionsAt: Date };

export function scenarios(parameters: DatasetParameters, moments: DatasetMoments): Scenario[] {
  const units = loadUnits();
  const { firstMonth, lastMonth } = parameters;
  const lastYear = { from: shiftMonth(lastMonth, -11), to: lastMonth };
  // The busiest commune-level services (the head of the generated catalog), each offered in hundreds of communes.
  const servicePages = Array.from({ length: 20 }, (_, index) => serviceCode(index));
  const hanoiCommunes = units.communesOf('01').map((commune) => commune.code);
  // A Hà Nội commune's five years: the series scenario's variables, and the vintage scenario's besides its asOf.
  const communeSeries = (client: number, sequence: number) => ({
    unit: skewed(hanoiCommunes, client, sequence),
    from: firstMonth,
    to: lastMonth,
  });
  const provinces = [
    ...parameters.fullCoverageProvinces,
    ...units.provinces
      .map((province) => province.code)
      .filter((code) => !parameters.fullCoverageProvinces.includes(code)),
  ];
  // The last four whole quarters of data.
  const quarters = monthsBetween(shiftMonth(lastMonth, -14), lastMonth)
    .filter((month) => ['03', '06', '09', '12'].includes(month.slice(5)) && month <= lastMonth)
    .slice(-4)
    .map((month) => `${month.slice(0, 4)}-Q${Number(month.slice(5)) / 3}`);

  return [
    {
      id: 'portal',
      title: 'portal service page',
      operationName: 'ServicePage',
      query: `query ServicePage($code: String!, $from: Month!, $to: Month!) {
  service(code: $code) {
    id code name onlineLevel
    field { code name }
    competentAgency { code name }
    offerings(first: 20) { totalCount nodes { onlineLevel unit { code name } } }
    usage(from: $from, to: $to) { received receivedOnline onlineRate onTimeRate months { month received receivedOnline onlineRate } }
    articles(first: 5) { totalCount nodes { id headline publishedAt } }
  }
}`,
      subgraph: null,
      caller: 'anonymous',
      limit: true,
      client: drawing((client, sequence) => ({ code: skewed(servicePages, client, sequence), ...lastYear })),
    },
    {
      id: 'catalog',
      title: 'catalog browse: 50 services, search, facets',
      operationName: 'CatalogBrowse',
      query: `query CatalogBrowse($search: String) {
  services(search: $search, first: 50) { totalCount nodes { code name onlineLevel field { code name } competentAgency { code name } } }
  serviceFacets(search: $search) { total fields { value count } onlineLevels { value count } audiences { value count } }
}`,
      subgraph: 'services',
      caller: 'anonymous',
      limit: true,
      client: drawing((client, sequence) => ({ search: skewed(SEARCH_TERMS, client, sequence) })),
    },
    {
      id: 'commune-series',
      title: "analyst: a commune's monthly series, 5 years",
      operationName: 'CommuneSeries',
      query: `query CommuneSeries($unit: ID!, $from: Month!, $to: Month!) {
  usageSeries(granularity: MONTH, from: $from, to: $to, unitCode: $unit) { period received receivedOnline onlineRate onTimeRate approximate }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      client: drawing(communeSeries),
      naive: {
        sql: `select to_char(g.month, 'YYYY-MM') as period, ${SUMS}
          from (${ON_TODAYS_MAP}) as g
          where g.month between to_date($2, 'YYYY-MM') and to_date($3, 'YYYY-MM') and g.unit_key = $1
          group by 1 order by 1`,
        params: (v) => [v.unit, v.from, v.to],
        fromHub: seriesRows,
      },
    },
    {
      id: 'hanoi-ranking',
      title: "analyst: quarterly ranking of Hà Nội's communes",
      operationName: 'CommuneRanking',
      query: `query CommuneRanking($period: String!) {
  usageRanking(metric: ONLINE_RATE, level: COMMUNE, period: $period, within: "01", first: 200) { rank previousRank value unit { code } }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      client: drawing((client, sequence) => ({ period: skewed(quarters, client, sequence) })),
      naive: {
        // Each period aggregates its own months of the raw facts (a CTE shared by both would be materialised
        // whole, every month of every year, before any filter).
        sql: `with now_ranked as (${rankedSql('$1', '$2')}), before_ranked as (${rankedSql('$3', '$4')})
          select n.key as unit, n.rank, b.rank as "previousRank", n.value from now_ranked n
          left join before_ranked b on b.key = n.key order by n.rank, n.key limit 200`,
        params: (v) => {
          const months = quarterMonths(String(v.period));
          return [months.from, months.to, months.previousFrom, months.previousTo];
        },
        fromHub: (data) =>
          (
            data.usageRanking as {
              rank: number;
              previousRank: number | null;
              value: number;
              unit: { code: string };
            }[]
          ).map((row) => ({
            unit: row.unit.code,
            rank: row.rank,
            previousRank: row.previousRank,
            value: row.value,
          })),
      },
    },
    {
      id: 'province-series',
      title: "analyst: a province's yearly series, 5 years",
      operationName: 'ProvinceSeries',
      query: `query ProvinceSeries($unit: ID!, $from: Month!, $to: Month!) {
  usageSeries(granularity: YEAR, from: $from, to: $to, unitCode: $unit) { period received receivedOnline onlineRate onTimeRate approximate }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      client: drawing((client, sequence) => ({
        unit: skewed(provinces, client, sequence),
        from: firstMonth,
        to: lastMonth,
      })),
      naive: {
        sql: `select to_char(g.month, 'YYYY') as period, ${SUMS}
          from (${ON_TODAYS_MAP}) as g
          where g.month between to_date($2, 'YYYY-MM') and to_date($3, 'YYYY-MM') and g.province_key = $1
          group by 1 order by 1`,
        params: (v) => [v.unit, v.from, v.to],
        fromHub: seriesRows,
      },
    },
    {
      id: 'country-breakdown',
      title: "analyst: the country's breakdown by province, 12 months",
      operationName: 'CountryBreakdown',
      query: `query CountryBreakdown($from: Month!, $to: Month!) {
  usageBreakdown(by: PROVINCE, from: $from, to: $to) { key received receivedOnline onlineRate share approximate }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      client: drawing((client, sequence) => {
        const back = Math.floor(unit(client, sequence, 5) * 3);
        return { from: shiftMonth(lastYear.from, -back), to: shiftMonth(lastMonth, -back) };
      }),
      naive: {
        sql: `select g.province_key as key, ${SUMS}
          from (${ON_TODAYS_MAP}) as g
          where g.month between to_date($1, 'YYYY-MM') and to_date($2, 'YYYY-MM')
          group by 1 order by 2 desc, 1`,
        params: (v) => [v.from, v.to],
        fromHub: (data) =>
          (data.usageBreakdown as Record<string, unknown>[]).map(
            ({ key, received, receivedOnline, approximate }) => ({
              key,
              received,
              receivedOnline,
              approximate,
            }),
          ),
      },
    },
    {
      id: 'commune-series-asof',
      title: "analyst: a commune's monthly series, 5 years, as known before the corrections",
      operationName: 'CommuneSeriesAsOf',
      query: `query CommuneSeriesAsOf($unit: ID!, $from: Month!, $to: Month!, $asOf: DateTime!) {
  usageSeries(granularity: MONTH, from: $from, to: $to, unitCode: $unit, asOf: $asOf) { period received receivedOnline onlineRate onTimeRate approximate }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      client: drawing((client, sequence) => ({
        ...communeSeries(client, sequence),
        asOf: moments.correctionsAt.toISOString(),
      })),
      naive: {
        sql: `select to_char(g.month, 'YYYY-MM') as period, ${SUMS}
          from (${KNOWN_THEN}) as g
          where g.month between to_date($2, 'YYYY-MM') and to_date($3, 'YYYY-MM') and g.unit_key = $1
          group by 1 order by 1`,
        params: (v) => [v.unit, v.from, v.to, v.asOf],
        fromHub: seriesRows,
      },
    },
    {
      id: 'service-index-ranking',
      title: "analyst: a province's communes ranked by the Decision 766 service index, a quarter",
      operationName: 'ServiceIndexRanking',
      query: `query ServiceIndexRanking($within: ID!, $period: String!) {
  serviceIndexRanking(level: COMMUNE, period: $period, within: $within, first: 50) {
    totalCount
    nodes { rank previousRank pointsChange score { unit { code } points assessedMaxPoints inputsMissing criteria { code rate points } } }
  }
}`,
      subgraph: 'statistics',
      caller: 'anonymous',
      // No naive twin: a score is criteria of versioned data over several sources of inputs, not one GROUP BY.
      client: drawing((client, sequence) => ({
        within: skewed(provinces, client, sequence),
        period: skewed(quarters, client, sequence + 1),
      })),
    },
    {
      id: 'usage-cube',
      title: "analyst: a page of the cube, a province's units by month, 12 months",
      operationName: 'UsageCube',
      query: `query UsageCube($unit: ID!, $from: Month!, $to: Month!) {
  usageCube(dimensions: [UNIT, MONTH], from: $from, to: $to, filter: { unitCode: $unit }, first: 100) {
    totalCount
    nodes { unitCode month received receivedOnline approximate }
  }
}`,
      subgraph: 'statistics',
      caller: 'analyst',
      client: drawing((client, sequence) => ({ unit: skewed(provinces, client, sequence), ...lastYear })),
      naive: {
        sql: `select g.unit_key as "unitCode", to_char(g.month, 'YYYY-MM') as month, ${SUMS}
          from (${ON_TODAYS_MAP}) as g
          where g.month between to_date($2, 'YYYY-MM') and to_date($3, 'YYYY-MM') and g.province_key = $1
          group by 1, 2 order by 1, 2 limit 100`,
        params: (v) => [v.unit, v.from, v.to],
        fromHub: (data) =>
          ((data.usageCube as { nodes: Record<string, unknown>[] }).nodes ?? []).map(
            ({ unitCode, month, received, receivedOnline, approximate }) => ({
              unitCode,
              month,
              received,
              receivedOnline,
              approximate,
            }),
          ),
      },
    },
    {
      id: 'partner',
      title: 'partner pull: the feed from the start, 100 at a time',
      operationName: 'PartnerFeed',
      query: `query PartnerFeed($after: String) {
  partnerFeed(first: 100, after: $after) { cursor hasMore items { cursor change articleId version article { id headline } ninjs } }
}`,
      subgraph: 'news',
      caller: 'partner',
      // Each client pages on with the cursor it was given, and starts again from the beginning at the end.
      client: () => {
        let after: string | null = null;
        return {
          variables: () => ({ after }),
          onBody: (body) => {
            const head = body.slice(0, 400);
            const cursor = /"cursor":"([^"]+)"/.exec(head)?.[1] ?? null;
            after = /"hasMore":true/.test(head) ? cursor : null;
          },
        };
      },
    },
  ];
}

/** The naive rows compared with the hub's: the analyst queries' figures, field by field. */
export const comparedFields = (rows: Record<string, unknown>[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        typeof value === 'number' ? Number(value.toPrecision(12)) : value,
      ]),
    ),
  );
