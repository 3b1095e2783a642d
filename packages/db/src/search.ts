import { boundedSearchWords } from '@motcua/inputs';

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

/**
 * The trigram index over `search_text(<text>)` that makes `searchConditions` on `text` fast, for an entity's
 * `indexes`: declared there, the ORM's schema diff keeps the index its migration created. The ORM compares such
 * indexes by name only; the statement is what it would run to create one itself, in the table's schema, where
 * `search_text` lives too.
 */
export function searchIndex(name: string, text: string) {
  return {
    name,
    expression: (_columns: unknown, table: { name: string; schema?: string }) => {
      const schema = `"${table.schema ?? 'public'}"`;
      return `create index "${name}" on ${schema}."${table.name}" using gin (${schema}.search_text(${text}) gin_trgm_ops)`;
    },
  };
}

/**
 * Accent-insensitive conditions for a user's search: every word must appear as a whole word in `expression`, in
 * any order, so "khai sinh dang ky" finds "Đăng ký khai sinh" and "tu" does not match inside "thủ tục". Words are
 * runs of letters and digits, so nothing the user types reaches the regular expression but a word; `\m` and `\M`
 * are PostgreSQL's word boundaries. Uses the `search_text` function of `schema` (see above).
 */
export function searchConditions(
  schema: string,
  expression: string,
  search: string | null | undefined,
  /** True when `expression` is already unaccented (a stored column such as `name_search`). */
  { unaccented = false }: { unaccented?: boolean } = {},
) {
  // Bounded before any SQL is built (length, words, word length: SEARCH_LIMITS), BAD_USER_INPUT otherwise.
  const words = boundedSearchWords(search);
  const text = unaccented ? expression : `"${schema}".search_text(${expression})`;
  return {
    sql: words.map(() => `${text} ~ ('\\m' || "${schema}".search_text(?) || '\\M')`),
    params: words,
  };
}
