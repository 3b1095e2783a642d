import { Migration } from '@mikro-orm/migrations';

/**
 * Search over everything a service page says, and in the words citizens use: a weighted full-text document (name
 * above output, output above description, description above documents) kept by PostgreSQL beside each service,
 * and the synonyms and everyday names ("hộ khẩu" for "thường trú") a data officer keeps as data.
 */
export class Migration0005SearchThatUnderstandsPeople extends Migration {
  override name = 'Migration0005SearchThatUnderstandsPeople';

  override up(): void {
    // Immutable like search_text (functions of the arguments alone), so that a stored generated column and its index can use it. Unaccented first:
    // the 'simple' configuration only lower-cases and splits, so "đăng ký" becomes the lexemes dang and ky.
    // Punctuation becomes a space first, or the parser reads "chứng/giấy" as one path-like token.
    this.addSql(`create or replace function services.search_lexemes(value text) returns tsvector
      language sql immutable parallel safe
      as $$ select to_tsvector('simple'::regconfig, regexp_replace(services.search_text(coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g')) $$`);
    this.addSql(`create or replace function services.search_document(name_vi text, name_en text, output_vi text, output_en text, description_vi text, documents jsonb)
      returns tsvector language sql immutable parallel safe
      as $$ select
        setweight(services.search_lexemes(concat_ws(' ', name_vi, name_en)), 'A')
        || setweight(services.search_lexemes(concat_ws(' ', output_vi, output_en)), 'B')
        || setweight(services.search_lexemes(description_vi), 'C')
        || setweight(services.search_lexemes(
          (select string_agg(document ->> 'name', ' ') from jsonb_array_elements(documents) as document)), 'D') $$`);
    const table = '"services"."public_service"';
    this.addSql(
      `alter table ${table} add column "search_document" tsvector generated always as (services.search_document(name_vi, name_en, output_vi, output_en, description_vi, documents)) stored;`,
    );
    this.addSql(`create index "public_service_search_document" on ${table} using gin ("search_document");`);
    this.addSql(
      `create table "services"."search_synonym" ("term" text not null, "synonym" text not null, "term_search" text generated always as (services.search_text(term)) stored, "synonym_search" text generated always as (services.search_text(synonym)) stored, primary key ("term", "synonym"));`,
    );
    this.addSql(
      `alter table "services"."search_synonym" add constraint "search_synonym_different" check (services.search_text(term) <> services.search_text(synonym));`,
    );
    this.addSql(
      `create unique index "search_synonym_unaccented_unique" on "services"."search_synonym" ("term_search", "synonym_search");`,
    );
  }
}
