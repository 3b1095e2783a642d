import { Migration } from '@mikro-orm/migrations';
import { searchFunctionSql } from '@motcua/db';

/** The catalog's first tables: units and their succession, fields, agencies, public services. */
export class Migration0001Catalog extends Migration {
  override name = 'Migration0001Catalog';

  override up(): void {
    this.addSql('create schema if not exists "services";');
    this.addSql(
      `create table "services"."administrative_unit" ("code" varchar(255) not null, "official_code" varchar(255) not null, "name" varchar(255) not null, "kind" text not null, "level" text not null, "parent_code" varchar(255) null, "valid_from" date null, "valid_to" date null, primary key ("code"));`,
    );
    this.addSql(
      `create index "administrative_unit_official_code_index" on "services"."administrative_unit" ("official_code");`,
    );
    this.addSql(
      `create index "administrative_unit_parent_code_index" on "services"."administrative_unit" ("parent_code");`,
    );
    this.addSql(
      `alter table "services"."administrative_unit" add constraint "administrative_unit_kind_check" check ("kind" in ('CITY', 'PROVINCE', 'WARD', 'COMMUNE', 'TOWNSHIP', 'SPECIAL_ZONE', 'DISTRICT'));`,
    );
    this.addSql(
      `alter table "services"."administrative_unit" add constraint "administrative_unit_level_check" check ("level" in ('PROVINCE', 'DISTRICT', 'COMMUNE'));`,
    );
    this.addSql(
      `create table "services"."agency" ("code" varchar(255) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) null, "level" text not null, "unit_code" varchar(255) null, primary key ("code"));`,
    );
    this.addSql(
      `alter table "services"."agency" add constraint "agency_level_check" check ("level" in ('PROVINCE', 'DISTRICT', 'COMMUNE'));`,
    );
    this.addSql(
      `create table "services"."service_field" ("code" varchar(255) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) null, "parent_code" varchar(255) null, primary key ("code"));`,
    );
    this.addSql(
      `create table "services"."public_service" ("id" uuid not null, "code" varchar(255) not null, "name_vi" text not null, "name_en" text null, "field_code" varchar(255) not null, "agency_code" varchar(255) not null, "online_level" text not null, "legacy_online_level" smallint null, "levels" text[] not null default '{}', "audiences" text[] not null default '{}', "processing_time" text null, "processing_days" smallint null, "fee_vnd" int null, "fee_note" text null, "legal_basis" text[] not null default '{}', "integrations" text[] not null default '{}', "illustrative_attributes" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "services"."public_service" add constraint "public_service_code_unique" unique ("code");`,
    );
    this.addSql(
      `alter table "services"."public_service" add constraint "public_service_online_level_check" check ("online_level" in ('INFORMATION', 'PARTIAL', 'FULL'));`,
    );
    this.addSql(
      `create table "services"."unit_succession" ("predecessor_code" varchar(255) not null, "successor_code" varchar(255) not null, "kind" text not null, "date" date not null, primary key ("predecessor_code", "successor_code"));`,
    );
    this.addSql(
      `create index "unit_succession_successor_code_index" on "services"."unit_succession" ("successor_code");`,
    );
    this.addSql(
      `alter table "services"."unit_succession" add constraint "unit_succession_kind_check" check ("kind" in ('FULL', 'PARTIAL'));`,
    );
    this.addSql(
      `alter table "services"."administrative_unit" add constraint "administrative_unit_parent_code_foreign" foreign key ("parent_code") references "services"."administrative_unit" ("code") on delete set null;`,
    );
    this.addSql(
      `alter table "services"."agency" add constraint "agency_unit_code_foreign" foreign key ("unit_code") references "services"."administrative_unit" ("code") on delete set null;`,
    );
    this.addSql(
      `alter table "services"."service_field" add constraint "service_field_parent_code_foreign" foreign key ("parent_code") references "services"."service_field" ("code") on delete set null;`,
    );
    this.addSql(
      `alter table "services"."public_service" add constraint "public_service_field_code_foreign" foreign key ("field_code") references "services"."service_field" ("code");`,
    );
    this.addSql(
      `alter table "services"."public_service" add constraint "public_service_agency_code_foreign" foreign key ("agency_code") references "services"."agency" ("code");`,
    );
    this.addSql(
      `alter table "services"."unit_succession" add constraint "unit_succession_predecessor_code_foreign" foreign key ("predecessor_code") references "services"."administrative_unit" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "services"."unit_succession" add constraint "unit_succession_successor_code_foreign" foreign key ("successor_code") references "services"."administrative_unit" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(searchFunctionSql('services'));
    this.addSql(
      'create index "public_service_name_search" on "services"."public_service" using gin ("services".search_text(name_vi) gin_trgm_ops);',
    );
    this.addSql(
      'create index "administrative_unit_name_search" on "services"."administrative_unit" using gin ("services".search_text(name) gin_trgm_ops);',
    );
  }
}
