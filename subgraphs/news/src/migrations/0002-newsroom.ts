import { Migration } from '@mikro-orm/migrations';

/**
 * The newsroom: full articles (body, topics, media, rights, embargo, versions, translations), campaigns, media
 * partners and the partner feed's change log. What an article is about moves from link tables to arrays of keys.
 */
export class Migration0002Newsroom extends Migration {
  override name = 'Migration0002Newsroom';

  override up(): void {
    const article = '"news"."article"';
    this.addSql(`alter table ${article}
      add column "subheadline" text null,
      add column "body_html" text not null default '',
      add column "body_text" text not null default '',
      add column "translation_group" uuid not null default gen_random_uuid(),
      add column "topic_codes" text[] not null default '{}',
      add column "media" jsonb not null default '[]',
      add column "copyright_holder" text not null default 'Thành phố Hà Nội',
      add column "licence" text not null default 'MOTCUA-PRESS',
      add column "usage_terms" text null,
      add column "service_codes" text[] not null default '{}',
      add column "unit_codes" text[] not null default '{}',
      add column "indicator_ids" text[] not null default '{}',
      add column "campaign_ids" text[] not null default '{}',
      add column "embargo_until" timestamptz null,
      add column "withdrawn_reason" text null,
      add column "version" int not null default 1,
      add column "feed_version_all" int not null default 0,
      add column "feed_version_embargoed" int not null default 0;`);
    this.addSql(`update ${article} a set
      service_codes = coalesce((select array_agg(service_code order by service_code) from "news"."article_service" s where s.article_id = a.id), '{}'),
      unit_codes = coalesce((select array_agg(unit_code order by unit_code) from "news"."article_unit" u where u.article_id = a.id), '{}');`);
    this.addSql('drop table "news"."article_service";');
    this.addSql('drop table "news"."article_unit";');
    for (const column of ['service_codes', 'unit_codes', 'indicator_ids', 'campaign_ids', 'topic_codes']) {
      this.addSql(`create index "article_${column}_index" on ${article} using gin ("${column}");`);
    }
    this.addSql(
      `create table "news"."article_change" ("seq" bigserial primary key, "article_id" uuid not null, "version" int not null, "kind" text not null, "audience" text not null, "changed_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "article_change_article_id_index" on "news"."article_change" ("article_id", "seq");`,
    );
    this.addSql(
      `alter table "news"."article_change" add constraint "article_change_kind_check" check ("kind" in ('PUBLISHED', 'UPDATED', 'WITHDRAWN'));`,
    );
    this.addSql(
      `alter table "news"."article_change" add constraint "article_change_audience_check" check ("audience" in ('ALL', 'EMBARGOED'));`,
    );
    this.addSql(
      `create table "news"."campaign" ("id" uuid not null, "name" text not null, "objective" text not null, "audiences" text[] not null default '{}', "starts_on" date not null, "ends_on" date not null, "channels" text[] not null default '{}', "target_service_codes" text[] not null default '{}', "target_unit_codes" text[] not null default '{}', "assets" jsonb not null default '[]', "partner_codes" text[] not null default '{}', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), check ("starts_on" <= "ends_on"));`,
    );
    this.addSql(
      `create index "campaign_target_service_codes_index" on "news"."campaign" using gin ("target_service_codes");`,
    );
    this.addSql(
      `create table "news"."media_partner" ("code" varchar(255) not null, "name" text not null, "contact_email" text null, "embargo_rights" boolean not null default false, "licences" text[] not null default '{}', primary key ("code"));`,
    );
  }
}
