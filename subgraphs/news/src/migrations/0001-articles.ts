import { Migration } from '@mikro-orm/migrations';
import { searchFunctionSql } from '@motcua/db';

/** Articles and what they are about (services and units, by their keys in the graph). */
export class Migration0001Articles extends Migration {
  override name = 'Migration0001Articles';

  override up(): void {
    this.addSql('create schema if not exists "news";');
    this.addSql(
      `create table "news"."article" ("id" uuid not null, "slug" varchar(255) not null, "headline" text not null, "summary" text null, "language" text not null, "kind" text not null, "byline" text null, "source_publisher" text null, "source_url" text null, "status" text not null, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "news"."article" add constraint "article_slug_unique" unique ("slug");`);
    this.addSql(
      `alter table "news"."article" add constraint "article_language_check" check ("language" in ('VI', 'EN'));`,
    );
    this.addSql(
      `alter table "news"."article" add constraint "article_kind_check" check ("kind" in ('NEWS', 'PRESS_RELEASE', 'EXPLAINER', 'INTERVIEW'));`,
    );
    this.addSql(
      `alter table "news"."article" add constraint "article_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN'));`,
    );
    this.addSql(
      `create table "news"."article_service" ("article_id" uuid not null, "service_code" varchar(255) not null, primary key ("article_id", "service_code"));`,
    );
    this.addSql(
      `create index "article_service_service_code_index" on "news"."article_service" ("service_code");`,
    );
    this.addSql(
      `create table "news"."article_unit" ("article_id" uuid not null, "unit_code" varchar(255) not null, primary key ("article_id", "unit_code"));`,
    );
    this.addSql(`create index "article_unit_unit_code_index" on "news"."article_unit" ("unit_code");`);
    this.addSql(
      `alter table "news"."article_service" add constraint "article_service_article_id_foreign" foreign key ("article_id") references "news"."article" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "news"."article_unit" add constraint "article_unit_article_id_foreign" foreign key ("article_id") references "news"."article" ("id") on delete cascade;`,
    );
    this.addSql(
      `create index "article_published_index" on "news"."article" ("published_at" desc, "id" desc) where "status" = 'PUBLISHED';`,
    );
    this.addSql(searchFunctionSql('news'));
    this.addSql(
      `create index "article_text_search" on "news"."article" using gin ("news".search_text(headline || ' ' || coalesce(summary, '')) gin_trgm_ops);`,
    );
  }
}
