import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks to media partners (endpoints, the delivery outbox and its attempts), and articles that expire (a new kind of change, EXPIRED): the
 * feed's pending index also holds the articles whose expiry is still to be logged.
 */
export class Migration0004Webhooks extends Migration {
  override name = 'Migration0004Webhooks';

  override up(): void {
    this.addSql(
      `create table "news"."webhook_endpoint" ("id" uuid not null, "partner_code" varchar(255) not null, "url" text not null, "description" text null, "status" text not null, "status_reason" text null, "secrets" jsonb not null, "start_after_seq" bigint not null default '0', "created_by" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "news"."webhook_endpoint" add constraint "webhook_endpoint_status_check" check ("status" in ('PENDING', 'ACTIVE', 'DISABLED'));`,
    );
    this.addSql(
      `create index "webhook_endpoint_partner_code_index" on "news"."webhook_endpoint" ("partner_code");`,
    );
    this.addSql(
      `create table "news"."webhook_delivery" ("id" bigserial primary key, "endpoint_id" uuid not null, "change_seq" bigint not null, "status" text not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "delivered_at" timestamptz null, "reason" text null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "news"."webhook_delivery" add constraint "webhook_delivery_status_check" check ("status" in ('PENDING', 'DELIVERED', 'SKIPPED', 'FAILED'));`,
    );
    this.addSql(
      `alter table "news"."webhook_delivery" add constraint "webhook_delivery_endpoint_change_unique" unique ("endpoint_id", "change_seq");`,
    );
    this.addSql(
      `create index "webhook_delivery_pending_index" on "news"."webhook_delivery" ("endpoint_id", "change_seq") where status = 'PENDING';`,
    );
    this.addSql(
      `create table "news"."webhook_attempt" ("id" bigserial primary key, "delivery_id" bigint not null, "at" timestamptz not null, "status_code" int null, "duration_ms" int not null, "error" text null);`,
    );
    this.addSql(
      `create index "webhook_attempt_delivery_id_index" on "news"."webhook_attempt" ("delivery_id", "id");`,
    );
    this.addSql(
      `alter table "news"."article" add "expires" timestamptz null, add "feed_expired" boolean not null default false;`,
    );
    this.addSql(`alter table "news"."article_change" drop constraint "article_change_kind_check";`);
    this.addSql(
      `alter table "news"."article_change" add constraint "article_change_kind_check" check ("kind" in ('PUBLISHED', 'UPDATED', 'WITHDRAWN', 'EXPIRED'));`,
    );
    this.addSql(`drop index "news"."article_feed_pending_index";`);
    this.addSql(
      `create index "article_feed_pending_index" on "news"."article" ("id") where feed_version_all < version or feed_version_embargoed < version or (expires is not null and not feed_expired);`,
    );
  }
}
