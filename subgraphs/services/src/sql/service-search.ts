import type { SqlEntityManager } from '@mikro-orm/sql';
import { sqlConditions } from '@motcua/db';
import { badUserInput } from '@motcua/errors';
import { SEARCH_LIMITS } from '@motcua/inputs';
import { entityPage, type Page } from '@motcua/paging';
import { PublicService } from '../entities/index.ts';
import type { ServiceFilter, ServiceOrder } from '../generated/resolvers-types.ts';

/** The name as search and sort see it: lower case, no diacritics (stored, see the entity's `nameSearch`). */
const NAME = 's.name_search';

/**
 * Words citizens add around what they look for ("làm giấy khai sinh cho con ở đâu"), unaccented. A reading of a
 * search does not require them, so they never hide the service; when a search is nothing but such words, they are
 * required after all. Words that are also the content of a procedure's name (thẻ, căn, nhà, mới, đầu, bản sao) are not here.
 */
const FILLER_WORDS = [
  'cho',
  'con',
  'toi',
  'minh',
  'em',
  'be',
  'cua',
  'lam',
  'muon',
  'gi',
  'nao',
  'xin',
  'duoc',
  'thi',
  'la',
  'bi',
  'nhu',
  'va',
  'de',
  'khi',
  'ra',
  'o',
  'ai',
  'nhe',
  'a',
  'voi',
  'giup',
  // Family words: "khai tử cho bố" is a death registration whoever died.
  'bo',
  'me',
  'ong',
  'ba',
  'vo',
  'chong',
];
/** Phrases of that kind, removed before the words: "thủ tục" heads half the names and says nothing. */
const FILLER_PHRASES = ['thu tuc', 'nhu the nao', 'o dau', 'the nao', 'can gi'];

/**
 * The search as one row `q`: `text` (unaccented), `readings` (the search itself and, for each synonym or everyday
 * name it contains, the search with that phrase replaced by the other side, filler words left out), and three
 * full-text queries: some reading's words all in the document (`match`), all in the name (`inName`), all in the
 * output (`inOutput`). One statement reads the synonyms with the services; nothing is looked up in Node.
 */
const SEARCH_ROW = `(
  select q0.text, array_agg(r.words) as readings,
    to_tsquery('simple', string_agg('(' || replace(r.words, ' ', ' & ') || ')', ' | ')) as match,
    to_tsquery('simple', string_agg('(' || regexp_replace(replace(r.words, ' ', ' & '), '([[:alnum:]]+)', '\\1:A', 'g') || ')', ' | ')) as in_name,
    to_tsquery('simple', string_agg('(' || regexp_replace(replace(r.words, ' ', ' & '), '([[:alnum:]]+)', '\\1:B', 'g') || ')', ' | ')) as in_output,
    to_tsquery('simple', string_agg('(' || regexp_replace(replace(r.words, ' ', ' <-> '), '([[:alnum:]]+)', '\\1:A', 'g') || ')', ' | ')) as phrase_in_name
  from (
    select text, padded,
      -- Every run of consecutive words (at most the 12 a search may have): the phrases a synonym can be, looked up
      -- by index rather than by testing every pair of the table against the search.
      array(select array_to_string(w[i:j], ' ')
        from (select string_to_array(btrim(padded), ' ') as w) split,
          generate_series(1, cardinality(w)) as i, generate_series(i, least(cardinality(w), i + ${SEARCH_LIMITS.maxWords - 1})) as j
      ) as grams
    from (
      select services.search_text(?) as text,
        ' ' || btrim(regexp_replace(services.search_text(?), '[^[:alnum:]]+', ' ', 'g')) || ' ' as padded
    ) typed
  ) q0
  cross join lateral (
    select distinct coalesce(
      nullif(array_to_string(array(
        select word from unnest(string_to_array(${FILLER_PHRASES.reduce((sql) => `replace(${sql}, ?, ' ')`, 'reading')}, ' ')) as word
        where word <> '' and word <> all(array[?])), ' '), ''),
      btrim(reading, ' ')) as words
    from (
      select q0.padded as reading
      union
      select replace(q0.padded, ' ' || side.phrase || ' ', ' ' || side.other || ' ')
      from (
        select term_search as phrase, synonym_search as other from services.search_synonym
        where term_search = any(q0.grams)
        union all select synonym_search, term_search from services.search_synonym
        where synonym_search = any(q0.grams)
      ) side
    ) readings
  ) r
  where r.words <> ''
  group by q0.text
) q`;

const searchRowParams = (search: string) => [
  search,
  search,
  ...FILLER_PHRASES.map((phrase) => ` ${phrase} `),
  FILLER_WORDS,
];

/** A search worth running: one with at least a letter or a digit. */
const hasWords = (search: string | null | undefined): search is string => /[\p{L}\p{N}]/u.test(search ?? '');

export type ServiceQuery = {
  /** `from … where …` over `services.public_service s`, shared by the list and its facets. */
  from: string;
  params: unknown[];
  /** Relevance (higher is better) when there is a search; its parameters are in `from`'s. */
  rank: string | null;
};

/**
 * Relevance, highest first. Every word of a reading in the name weighs most, then in the output (a search naming
 * a document finds the services that produce it: "giấy khai sinh"), then anywhere; then how much of the document
 * matches, in which part (ts_rank with name 1, output 0.5, description 0.2, documents 0.05); then how close the
 * name is to a reading and to the search (pg_trgm), which puts the plain procedure before its variants: "khai sinh
 * cho con" finds "Đăng ký khai sinh" before "… có yếu tố nước ngoài"; and a name that is a variant the search does
 * not ask for (`VARIANTS`: "tạm trú" is not "gia hạn tạm trú") loses one. A service found only by a typo-tolerant
 * closeness of its name ("khai sihn") ranks below every service that has the words.
 */
/**
 * How a procedure's name begins when it is a variant of another (unaccented, as `name_search` has them, after a
 * leading "thủ tục"), each with the word a search uses to ask for that variant: "cấp lại thẻ căn cước" is what one
 * wants after "lại" (or "mất", read through a synonym), not after "căn cước" alone. Only the beginning counts: a
 * name that lists actions ("thực hiện, điều chỉnh, thôi hưởng trợ cấp …") is the procedure itself.
 */
const VARIANTS: [nameBegins: string, asked: string][] = [
  ['cap lai', 'lai'],
  ['cap doi', 'doi'],
  ['cap dieu chinh', 'dieu chinh'],
  ['dieu chinh', 'dieu chinh'],
  ['gia han', 'gia han'],
  ['xoa', 'xoa'],
  ['cham dut', 'cham dut'],
  ['dang ky cham dut', 'cham dut'],
  ['thay doi', 'doi'],
  ['dang ky thay doi', 'doi'],
  ['khoa', 'khoa'],
  ['mo khoa', 'mo'],
];

/** 1 when the name begins as a variant that no reading of the search asks for. */
const UNASKED_VARIANT = `(exists (select 1 from unnest(array[${VARIANTS.map(([begins]) => `'${begins} '`).join(', ')}],
    array[${VARIANTS.map(([, asked]) => `' ${asked} '`).join(', ')}]) as v(begins, asked)
  where starts_with(regexp_replace(btrim(regexp_replace(${NAME}, '[^[:alnum:]]+', ' ', 'g')) || ' ', '^thu tuc ', ''), v.begins)
    and not exists (select 1 from unnest(q.readings) as reading where strpos(' ' || reading || ' ', v.asked) > 0)))::int`;

const RANK = `(2 * (s.search_document @@ q.in_name)::int - ${UNASKED_VARIANT} + (s.search_document @@ q.phrase_in_name)::int
  + (s.search_document @@ q.in_output)::int * 0.3 + (s.search_document @@ q.match)::int
  + ts_rank('{0.05,0.2,0.5,1}', s.search_document, q.match, 1)
  + (select max(greatest(similarity(reading, ${NAME}) + word_similarity(reading, ${NAME}),
      similarity(reading, lower(s.name_en)) + word_similarity(reading, lower(s.name_en))))
    from unnest(q.readings) as reading))`;

/**
 * Filters and search of the services list. A service matches a search when, for the search or one of its
 * readings through a synonym, every word that is not a filler appears as a whole word in its name, output,
 * description or documents (PostgreSQL full-text over the stored, unaccented `search_document`), or when the
 * whole search is close to a part of the name (pg_trgm word similarity over `name_search`, which forgives typos:
 * "khai sihn" finds "khai sinh"). Both are indexed (GIN).
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
  if (filter?.eventCode) {
    where.add(
      'exists (select 1 from services.event_step es where es.service_id = s.id and es.event_code = ?)',
      filter.eventCode,
    );
  }
  if (!hasWords(search)) {
    return { from: `from services.public_service s ${where.clause}`, params: where.params, rank: null };
  }
  where.add(`(s.search_document @@ q.match or q.text <% ${NAME})`);
  return {
    from: `from services.public_service s cross join ${SEARCH_ROW} ${where.clause}`,
    params: [...searchRowParams(search), ...where.params],
    rank: RANK,
  };
}

/** The list's stable order: relevance, name or code, the code breaking ties. */
export function serviceOrder(query: ServiceQuery, orderBy: ServiceOrder | null | undefined) {
  const order = orderBy ?? (query.rank ? 'RELEVANCE' : 'CODE');
  if (order === 'RELEVANCE') {
    if (!query.rank) throw badUserInput('orderBy: RELEVANCE needs a `search`', { argumentName: 'orderBy' });
    // Keyset paging runs in one direction, so relevance is sorted as its negation, ascending.
    return { select: `-${query.rank} as sort_key`, sortColumns: ['sort_key', 'code'] };
  }
  if (order === 'NAME') return { select: `${NAME} as sort_key`, sortColumns: ['sort_key', 'code'] };
  return { select: 's.code as sort_key', sortColumns: ['sort_key', 'code'] };
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
      params: query.params,
      sortColumns: order.sortColumns,
      direction: 'asc',
    },
    page,
    (service, row) => [row.sort_key, service.code],
  );
}

export type SearchSuggestion = { text: string; count: number };

/**
 * Completions of what a citizen is typing, in one statement: the last word is a prefix, the words before it come
 * right before it. Two kinds, the most common first: phrases of the catalog's names, unaccented ("dang ky khai s"
 * → "dang ky khai sinh", with the number of active services whose name has that phrase), and the everyday names
 * of the synonym table that start with what was typed ("ho k" → "hộ khẩu", with the number of services whose
 * name has the words of the other side).
 */
export async function searchSuggestions(em: SqlEntityManager, text: string, first: number) {
  if (!hasWords(text)) return [];
  return em.execute<SearchSuggestion[]>(
    `with typed as (
       select array_to_string(words[1:cardinality(words) - 1], ' ') as complete,
         words[cardinality(words)] as prefix, array_to_string(words, ' ') as whole
       from (select regexp_split_to_array(btrim(regexp_replace(services.search_text(?), '[^[:alnum:]]+', ' ', 'g')), ' ') as words) w
     ), found as (
       -- The word being typed (and the one after it), in each name that has it right after the words before:
       -- adjacency, not just presence ("ho k" is "ho kinh doanh", not "hộ tịch … đăng ký").
       select s.id, btrim(typed.complete || ' ' || found[1]) as word, btrim(typed.complete || ' ' || found[1] || coalesce(found[2], '')) as phrase
       from services.public_service s, typed,
         regexp_matches(' ' || regexp_replace(s.name_search, '[^[:alnum:]]+', ' ', 'g'),
           ' ' || ltrim(typed.complete || ' ', ' ') || '(' || typed.prefix || '[[:alnum:]]*)( [[:alnum:]]+){0,1}', 'g') as found
       where s.status = 'ACTIVE' and s.name_search like '%' || typed.prefix || '%'
     ), completions as (
       select word as text, count(distinct id)::int as count from found group by word
       -- A phrase one word longer when several names share it ("kh" → "khai sinh").
       union all select phrase, count(distinct id)::int from found where phrase <> word group by phrase having count(distinct id) > 1
     ), everyday as (
       select side.phrase as text, side.phrase_search,
         (select count(*)::int from services.public_service s
          where s.status = 'ACTIVE' and s.search_document @@ to_tsquery('simple', regexp_replace(replace(side.other, ' ', ' & '), '([[:alnum:]]+)', '\\1:A', 'g'))) as count
       from typed, (
         select term as phrase, term_search as phrase_search, synonym_search as other from services.search_synonym
         union all select synonym, synonym_search, term_search from services.search_synonym
       ) side
       where starts_with(side.phrase_search, typed.whole)
     )
     select text, max(count) as count from (
       select * from completions
       -- An everyday name the catalog's names already complete to is suggested once, as the catalog has it.
       union all select text, count from everyday
       where count > 0 and phrase_search not in (select text from completions)
     ) both_kinds
     group by text order by count desc, text limit ?`,
    [text, first],
  );
}

type FacetName = 'fields' | 'onlineLevels' | 'audiences' | 'events';

/** What a facet's value is called, for a filter UI (fields are named by the catalog's own table). */
const ENUM_LABELS: Record<'onlineLevels' | 'audiences', Record<string, { vi: string; en: string }>> = {
  onlineLevels: {
    FULL: { vi: 'Toàn trình', en: 'Fully online' },
    PARTIAL: { vi: 'Một phần', en: 'Partly online' },
    INFORMATION: { vi: 'Cung cấp thông tin', en: 'Information only' },
  },
  audiences: {
    CITIZEN: { vi: 'Công dân', en: 'Citizens' },
    BUSINESS: { vi: 'Doanh nghiệp', en: 'Businesses' },
  },
};

export type FacetValue = { value: string; count: number; labelVi: string; labelEn: string | null };

/**
 * Counts of the services a filter and search match, per field, online level and audience, in one statement.
 * Counts are disjunctive, as filter UIs need them: each facet is counted with every filter but its own, so
 * choosing FULL keeps the counts of PARTIAL and INFORMATION (what choosing them as well would add); `total` obeys
 * every filter.
 */
export async function serviceFacets(
  em: SqlEntityManager,
  filter: ServiceFilter | null | undefined,
  search: string | null | undefined,
) {
  const all = serviceQuery(filter, search);
  const without = (facet: keyof ServiceFilter) => serviceQuery({ ...filter, [facet]: null }, search);
  const fields = without('fieldCode');
  const levels = without('onlineLevels');
  const audiences = without('audience');
  const events = without('eventCode');
  const rows = await em.execute<
    {
      facet: 'total' | FacetName;
      value: string;
      count: number;
      label_vi: string | null;
      label_en: string | null;
    }[]
  >(
    `select 'total' as facet, '' as value, count(*)::int as count, null as label_vi, null as label_en ${all.from}
     union all select 'fields', f.code, m.count, f.name_vi, f.name_en
       from (select s.field_code, count(*)::int as count ${fields.from} group by s.field_code) m
       join services.service_field f on f.code = m.field_code
     union all select 'onlineLevels', s.online_level, count(*)::int, null, null ${levels.from} group by s.online_level
     union all select 'audiences', audience, count(*)::int, null, null
       from (select s.audiences ${audiences.from}) m, unnest(m.audiences) as audience group by audience
     union all select 'events', e.code, m.count, e.name_vi, e.name_en
       from (select es.event_code, count(*)::int as count ${events.from.replace(
         'from services.public_service s',
         'from services.public_service s join services.event_step es on es.service_id = s.id',
       )} group by es.event_code) m
       join services.service_event e on e.code = m.event_code
     order by facet, count desc, value`,
    [...all.params, ...fields.params, ...levels.params, ...audiences.params, ...events.params],
  );
  const facets: Record<FacetName, FacetValue[]> = { fields: [], onlineLevels: [], audiences: [], events: [] };
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') {
      total = row.count;
      continue;
    }
    const label =
      row.facet === 'onlineLevels' || row.facet === 'audiences' ? ENUM_LABELS[row.facet][row.value] : null;
    facets[row.facet].push({
      value: row.value,
      count: row.count,
      labelVi: label?.vi ?? row.label_vi ?? row.value,
      labelEn: label?.en ?? row.label_en,
    });
  }
  return { total, ...facets };
}
