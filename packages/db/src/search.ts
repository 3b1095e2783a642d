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

/** The `?` parameter of a `search_text(column) like ?` filter: the user's words, unaccented in SQL too. */
export function containsPattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
