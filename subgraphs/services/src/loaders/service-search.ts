import { searchConditions } from '@motcua/db';
import { badUserInput } from '@motcua/errors';
import type { ServiceFilter, ServiceOrder } from '../generated/resolvers-types.ts';

/** The name as search and sort see it: lower case, no diacritics. */
const NAME = 'services.search_text(s.name_vi)';

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
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  where('s.status in (?)', filter?.statuses?.length ? filter.statuses : ['ACTIVE']);
  if (filter?.fieldCode) {
    // A field includes its sub-fields: "tu-phap" (justice) lists civil status and certification too.
    where(
      '(s.field_code = ? or s.field_code in (select code from services.service_field where parent_code = ?))',
      filter.fieldCode,
      filter.fieldCode,
    );
  }
  if (filter?.agencyCode) {
    where(
      '(s.competent_agency_code = ? or ? = any(s.implementing_agency_codes))',
      filter.agencyCode,
      filter.agencyCode,
    );
  }
  if (filter?.onlineLevels?.length) where('s.online_level in (?)', filter.onlineLevels);
  if (filter?.audience) where('? = any(s.audiences)', filter.audience);
  if (filter?.integration) where('? = any(s.integrations)', filter.integration);
  if (filter?.offeredIn) {
    where(
      `exists (select 1 from services.service_offering o join services.administrative_unit u on u.code = o.unit_code
        where o.service_id = s.id and (u.code = ? or u.parent_code = ?))`,
      filter.offeredIn,
      filter.offeredIn,
    );
  }
  const words = searchConditions('services', 's.name_vi', search);
  let rank: ServiceQuery['rank'] = null;
  if (words.sql.length) {
    const allWords = words.sql.join(' and ');
    where(`((${allWords}) or services.search_text(?) <% ${NAME})`, ...words.params, search);
    rank = {
      sql: `(case when ${allWords} then 1 else 0 end + word_similarity(services.search_text(?), ${NAME}) + similarity(services.search_text(?), ${NAME}) / 2)`,
      params: [...words.params, search, search],
    };
  }
  return { from: `from services.public_service s where ${conditions.join(' and ')}`, params, rank };
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
