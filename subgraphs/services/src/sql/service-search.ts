import type { SqlEntityManager } from '@mikro-orm/sql';
import { searchConditions, sqlConditions } from '@motcua/db';
import { badUserInput } from '@motcua/errors';
import { entityPage, type Page } from '@motcua/paging';
import { PublicService } from '../entities/index.ts';
import type { FacetCount, ServiceFilter, ServiceOrder } from '../generated/resolvers-types.ts';

/** The name as search and sort see it: lower case, no diacritics (stored, see the entity's `nameSearch`). */
const NAME = 's.name_search';

export type ServiceQuery = {
  /** `from … where …` over `services.public_service s`, shared by the list and its facets. */
  from: string;
  params: unknown[];
  /** Relevance (higher is better) when there is a search. */
  rank: { sql: string; params: unknown[] } | null;
};

/**
 * Filters and search of the services list. A service matches a search when every word appears in its name
 * (diacritics ignored), or when the whole search is close to a part of the name (pg_trgm word similarity, which
 * forgives typos: "khai sihn" finds "khai sinh"). Both use the trigram index on the unaccented name.
 */
export function serviceQuery(
  filter: ServiceFilter | null | undefined,
  search: string | null | undefined,
): ServiceQuery {
  const where = sqlConditions();
  where.add('s.status in (?)', filter?.statuses?.length ? filter.statuses : ['ACTIVE']);
  if (filter?.fieldCode) {
    // A field includes its sub-fields: "tu-phap" (justice) lists civil status and certification too.
    where.add(
      '(s.field_code = ? or s.field_code in (select code from services.service_field where parent_code = ?))',
      filter.fieldCode,
      filter.fieldCode,
    );
  }
  if (filter?.agencyCode) {
    where.add(
      '(s.competent_agency_code = ? or ? = any(s.implementing_agency_codes))',
      filter.agencyCode,
      filter.agencyCode,
    );
  }
  if (filter?.onlineLevels?.length) where.add('s.online_level in (?)', filter.onlineLevels);
  if (filter?.audience) where.add('? = any(s.audiences)', filter.audience);
  if (filter?.integration) where.add('? = any(s.integrations)', filter.integration);
  if (filter?.offeredIn) {
    where.add(
      `exists (select 1 from services.service_offering o join services.administrative_unit u on u.code = o.unit_code
        where o.service_id = s.id and (u.code = ? or u.parent_code = ?))`,
      filter.offeredIn,
      filter.offeredIn,
    );
  }
  const words = searchConditions('services', NAME, search, { unaccented: true });
  let rank: ServiceQuery['rank'] = null;
  if (words.sql.length) {
    const allWords = words.sql.join(' and ');
    where.add(`((${allWords}) or services.search_text(?) <% ${NAME})`, ...words.params, search);
    rank = {
      sql: `(case when ${allWords} then 1 else 0 end + word_similarity(services.search_text(?), ${NAME}) + similarity(services.search_text(?), ${NAME}) / 2)`,
      params: [...words.params, search, search],
    };
  }
  return { from: `from services.public_service s ${where.clause}`, params: where.params, rank };
}

/** The list's stable order: relevance, name or code, the code breaking ties. */
export function serviceOrder(query: ServiceQuery, orderBy: ServiceOrder | null | undefined) {
  const order = orderBy ?? (query.rank ? 'RELEVANCE' : 'CODE');
  if (order === 'RELEVANCE') {
    if (!query.rank) throw badUserInput('orderBy: RELEVANCE needs a `search`', { argumentName: 'orderBy' });
    // Keyset paging runs in one direction, so relevance is sorted as its negation, ascending.
    return {
      select: `-${query.rank.sql} as sort_key`,
      params: query.rank.params,
      sortColumns: ['sort_key', 'code'],
    };
  }
  if (order === 'NAME')
    return { select: `${NAME} as sort_key`, params: [], sortColumns: ['sort_key', 'code'] };
  return { select: 's.code as sort_key', params: [], sortColumns: ['sort_key', 'code'] };
}

/** A page of the services list, filtered and searched, with the total, in one statement. */
export function servicePage(
  em: SqlEntityManager,
  filter: ServiceFilter | null | undefined,
  search: string | null | undefined,
  orderBy: ServiceOrder | null | undefined,
  page: Page,
) {
  const query = serviceQuery(filter, search);
  const order = serviceOrder(query, orderBy);
  return entityPage(
    em,
    PublicService,
    {
      source: `select s.*, ${order.select} ${query.from}`,
      params: [...order.params, ...query.params],
      sortColumns: order.sortColumns,
      direction: 'asc',
    },
    page,
    (service, row) => [row.sort_key, service.code],
  );
}

type FacetName = 'fields' | 'onlineLevels' | 'audiences';

/** Counts of the services a filter and search match, per field, online level and audience, in one statement. */
export async function serviceFacets(
  em: SqlEntityManager,
  filter: ServiceFilter | null | undefined,
  search: string | null | undefined,
) {
  const query = serviceQuery(filter, search);
  const rows = await em.execute<{ facet: 'total' | FacetName; value: string; count: number }[]>(
    `with matching as (select s.* ${query.from})
     select 'total' as facet, '' as value, count(*)::int as count from matching
     union all select 'fields', field_code, count(*)::int from matching group by field_code
     union all select 'onlineLevels', online_level, count(*)::int from matching group by online_level
     union all select 'audiences', audience, count(*)::int from matching, unnest(audiences) as audience group by audience
     order by facet, count desc, value`,
    query.params,
  );
  const facets: Record<FacetName, FacetCount[]> = { fields: [], onlineLevels: [], audiences: [] };
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = row.count;
    else facets[row.facet].push({ value: row.value, count: row.count });
  }
  return { total, ...facets };
}
