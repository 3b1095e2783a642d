import { Migration } from '@mikro-orm/migrations';

/**
 * Accessible versions: the editors' easy-read text on the article, the large-print and audio renditions the hub
 * makes of published articles, and the queue they are made from (articles whose renditions are older than them).
 */
export class Migration0005Renditions extends Migration {
  override name = 'Migration0005Renditions';

  override up(): void {
    this.addSql(
      `alter table "news"."article" add "easy_read" text null, add "rendition_version" int not null default 0, add "rendition_error" text null, add "rendition_claimed_until" timestamptz null;`,
    );
    this.addSql(
      `create index "article_rendition_pending_index" on "news"."article" ("id") where rendition_version < version and status = 'PUBLISHED';`,
    );
    this.addSql(
      `create table "news"."article_rendition" ("article_id" uuid not null, "kind" text not null, "article_version" int not null, "source" text not null, "content_type" text not null, "content" bytea not null, "size_in_bytes" int not null, "duration_seconds" double precision null, "checksum" text not null, "generation_ms" int not null, "generated_at" timestamptz not null, primary key ("article_id", "kind"));`,
    );
    this.addSql(
      `alter table "news"."article_rendition" add constraint "article_rendition_kind_check" check ("kind" in ('LARGE_PRINT', 'AUDIO'));`,
    );
    this.addSql(
      `alter table "news"."article_rendition" add constraint "article_rendition_source_check" check ("source" in ('EASY_READ', 'ARTICLE'));`,
    );
  }
}
