// The limit: what the portal page and the catalog browse cost when written by hand, a few SQL statements sent in
// parallel over one pool, straight into the JSON the hub answers. It reads the hub's tables (and uses the search
// function and trigram indexes the hub's migrations made), so it is the same data and the same semantics: the
// benchmark checks its JSON against the hub's before measuring either. A service's months come from the aggregate
// the hub keeps by service (usage_by_service, exact under every write), as the hub's own usage field reads them:
// a limit adding up the raw facts would be slower than the hub, and no limit.
import type pg from 'pg';
import { serviceQuery } from '../../../subgraphs/services/src/sql/service-search.ts';

type Row = Record<string, unknown>;

/** A published article about service $1 that anyone may read now. */
const VISIBLE_ABOUT_SERVICE = `service_codes @> array[$1]::text[] and status = 'PUBLISHED' and published_at <= now()
  and (embargo_until is null or embargo_until <= now())`;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Requests the limit answers: the operations of the portal and catalog scenarios, by operation name. */
export type LimitOperation = 'ServicePage' | 'CatalogBrowse';

/** How many SQL statements each operation sends (for the report's statements-per-operation column). */
export const LIMIT_STATEMENTS: Record<LimitOperation, number> = { ServicePage: 4, CatalogBrowse: 2 };

export async function servicePage(pool: pg.Pool, variables: Row): Promise<unknown> {
  const code = String(variables.code);
  const [service, offerings, usage, articles] = await Promise.all([
    pool.query<Row>(
      `select s.id, s.code, s.name_vi, s.online_level, f.code as field_code, f.name_vi as field_name,
         a.code as agency_code, a.name_vi as agency_name
       from services.public_service s
       join services.service_field f on f.code = s.field_code
       join services.agency a on a.code = s.competent_agency_code
       where s.code = $1`,
      [code],
    ),
    pool.query<Row>(
      `select o.online_level, u.code, u.name, count(*) over ()::int as total
       from services.service_offering o join services.administrative_unit u on u.code = o.unit_code
       where o.service_id = (select id from services.public_service where code = $1)
       order by o.unit_code limit 20`,
      [code],
    ),
    pool.query<Row>(
      `select to_char(month, 'YYYY-MM') as month, sum(received)::int as received,
         coalesce(sum(received) filter (where channel = 'ONLINE'), 0)::int as online,
         sum(resolved_on_time)::int as on_time, sum(resolved_late)::int as late
       from statistics.usage_by_service
       where service_code = $1 and month between to_date($2, 'YYYY-MM') and to_date($3, 'YYYY-MM')
       group by month order by month`,
      [code, variables.from, variables.to],
    ),
    pool.query<Row>(
      // The total counted apart (through the array's GIN index) and the five newest read along the published
      // index: a window count over the page made PostgreSQL read and sort every article of a busy service, 712 ms.
      `select id, headline, published_at,
         (select count(*) from news.article where ${VISIBLE_ABOUT_SERVICE})::int as total
       from news.article where ${VISIBLE_ABOUT_SERVICE}
       order by published_at desc, id desc limit 5`,
      [code],
    ),
  ]);
  const s = service.rows[0];
  if (!s) return { data: { service: null } };
  const months = usage.rows.map((row) => ({
    month: row.month,
    received: row.received as number,
    receivedOnline: row.online as number,
    onlineRate: ratio(row.online as number, row.received as number),
  }));
  const sum = (key: string) => usage.rows.reduce((total, row) => total + (row[key] as number), 0);
  const received = sum('received');
  const onTime = sum('on_time');
  return {
    data: {
      service: {
        id: s.id,
        code: s.code,
        name: s.name_vi,
        onlineLevel: s.online_level,
        field: { code: s.field_code, name: s.field_name },
        competentAgency: { code: s.agency_code, name: s.agency_name },
        offerings: {
          totalCount: offerings.rows[0]?.total ?? 0,
          nodes: offerings.rows.map((row) => ({
            onlineLevel: row.online_level,
            unit: { code: row.code, name: row.name },
          })),
        },
        usage: {
          received,
          receivedOnline: sum('online'),
          onlineRate: ratio(sum('online'), received),
          onTimeRate: ratio(onTime, onTime + sum('late')),
          months,
        },
        articles: {
          totalCount: articles.rows[0]?.total ?? 0,
          nodes: articles.rows.map((row) => ({
            id: row.id,
            headline: row.headline,
            publishedAt: (row.published_at as Date).toISOString(),
          })),
        },
      },
    },
  };
}

/**
 * The catalog's own search (synonym readings, the weighted full-text document, trigram closeness of the name),
 * taken from the services subgraph rather than copied, so the limit cannot drift from what it is checked against.
 * Its `?` placeholders become pg's `$n`, a list standing for as many values as it has (as MikroORM expands them).
 */
function searchSql(search: string) {
  const query = serviceQuery(null, search);
  const params: unknown[] = [];
  let at = 0;
  const from = query.from.replace(/\?/g, () => {
    const value = query.params[at++];
    const values = Array.isArray(value) ? value : [value];
    return values.map((item) => `$${params.push(item)}`).join(', ');
  });
  return { from, rank: query.rank ?? '0', params };
}

export async function catalogBrowse(pool: pg.Pool, variables: Row): Promise<unknown> {
  const { from, rank, params } = searchSql(String(variables.search ?? ''));
  const [list, facets] = await Promise.all([
    pool.query<Row>(
      `with matching as (select s.*, ${rank} as rank ${from})
       select s.code, s.name_vi, s.online_level, f.code as field_code, f.name_vi as field_name,
         a.code as agency_code, a.name_vi as agency_name, count(*) over ()::int as total
       from matching s
       join services.service_field f on f.code = s.field_code
       join services.agency a on a.code = s.competent_agency_code
       order by -s.rank, s.code limit 50`,
      params,
    ),
    pool.query<{ facet: string; value: string; count: number }>(
      `with matching as (select s.* ${from})
       select 'total' as facet, '' as value, count(*)::int as count from matching
       union all select 'fields', field_code, count(*)::int from matching group by field_code
       union all select 'onlineLevels', online_level, count(*)::int from matching group by online_level
       union all select 'audiences', audience, count(*)::int from matching, unnest(audiences) as audience group by audience
       order by facet, count desc, value`,
      params,
    ),
  ]);
  const byFacet = (facet: string) =>
    facets.rows.filter((row) => row.facet === facet).map((row) => ({ value: row.value, count: row.count }));
  return {
    data: {
      services: {
        totalCount: list.rows[0]?.total ?? 0,
        nodes: list.rows.map((row) => ({
          code: row.code,
          name: row.name_vi,
          onlineLevel: row.online_level,
          field: { code: row.field_code, name: row.field_name },
          competentAgency: { code: row.agency_code, name: row.agency_name },
        })),
      },
      serviceFacets: {
        total: facets.rows.find((row) => row.facet === 'total')?.count ?? 0,
        fields: byFacet('fields'),
        onlineLevels: byFacet('onlineLevels'),
        audiences: byFacet('audiences'),
      },
    },
  };
}
