/**
 * SQL for accent-insensitive Vietnamese search. `unaccent` is not immutable (its dictionary can change), so it
 * cannot back an index; this wrapper pins the dictionary and is declared immutable, the usual PostgreSQL idiom.
 * `unaccent` maps đ → d, so "dang ky" matches "đăng ký".
 */
export function searchFunctionSql(schema: string): string {
  return `create or replace function "${schema}".search_text(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`;
}

/** The `?` parameter of a `search_text(column) like ?` filter: a word, unaccented in SQL too. */
function containsPattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Accent-insensitive conditions for a user's search: every word must appear in `expression`, in any order, so
 * "khai sinh dang ky" finds "Đăng ký khai sinh". Uses the `search_text` function of `schema` (see above).
 */
export function searchConditions(schema: string, expression: string, search: string | null | undefined) {
  const words = (search ?? '').split(/\s+/).filter(Boolean);
  return {
    sql: words.map(() => `"${schema}".search_text(${expression}) like "${schema}".search_text(?)`),
    params: words.map(containsPattern),
  };
}
