import { Migration } from '@mikro-orm/migrations';

export class Migration0001ApiKeys extends Migration {
  override name = 'Migration0001ApiKeys';

  override up(): void {
    this.addSql('create schema if not exists "access";');
    this.addSql(`create table "access"."api_key" (
      "id" varchar(64) primary key,
      "secret_hash" text not null,
      "owner" text not null,
      "role" text not null check ("role" in ('PUBLIC', 'PARTNER', 'ANALYST', 'EDITOR', 'DATA_OFFICER', 'ADMIN')),
      "scopes" text[] not null default '{}',
      "partner_code" text null,
      "created_at" timestamptz not null,
      "created_by" text not null,
      "expires_at" timestamptz null,
      "revoked_at" timestamptz null,
      "last_used_at" timestamptz null
    )`);
    this.addSql(`create index "api_key_created_at_index" on "access"."api_key" ("created_at" desc)`);
  }
}
