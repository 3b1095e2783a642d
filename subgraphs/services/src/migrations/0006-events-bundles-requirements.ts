import { Migration } from '@mikro-orm/migrations';

/**
 * Life and business events (CPSV-AP 3.2) with their ordered steps, joined-up procedures (liên thông) with their
 * member services, and the requirements of a service (who may apply, conditions) apart from its documents.
 */
export class Migration0006EventsBundlesRequirements extends Migration {
  override name = 'Migration0006EventsBundlesRequirements';

  override up(): void {
    this.addSql(
      `create table "services"."service_event" ("code" varchar(255) not null, "kind" text not null, "name_vi" text not null, "name_en" text null, "description_vi" text null, "description_en" text null, "position" smallint not null, "illustrative_attributes" text[] not null default '{}', primary key ("code"));`,
    );
    this.addSql(
      `create table "services"."service_bundle" ("code" varchar(255) not null, "name_vi" text not null, "name_en" text null, "description_vi" text null, "description_en" text null, "agency_codes" text[] not null default '{}', "processing_time" text null, "processing_days" smallint null, "online_level" text not null, "channels" jsonb not null default '[]', "requirements" jsonb not null default '[]', "legal_basis" text[] not null default '{}', "event_code" varchar(255) null, "official_url" text null, "illustrative_attributes" text[] not null default '{}', primary key ("code"));`,
    );
    this.addSql(
      `create index "service_bundle_event_code_index" on "services"."service_bundle" ("event_code");`,
    );
    this.addSql(
      `create table "services"."event_step" ("event_code" varchar(255) not null, "service_id" uuid not null, "position" smallint not null, "optional" boolean not null default false, "choice" text null, "note_vi" text null, "note_en" text null, primary key ("event_code", "service_id"));`,
    );
    this.addSql(`create index "event_step_service_id_index" on "services"."event_step" ("service_id");`);
    this.addSql(
      `create table "services"."bundle_member" ("bundle_code" varchar(255) not null, "service_id" uuid not null, "position" smallint not null, primary key ("bundle_code", "service_id"));`,
    );
    this.addSql(
      `create index "bundle_member_service_id_index" on "services"."bundle_member" ("service_id");`,
    );
    this.addSql(`alter table "services"."public_service" add "requirements" jsonb not null default '[]';`);
    this.addSql(
      `alter table "services"."service_event" add constraint "service_event_kind_check" check ("kind" in ('LIFE_EVENT', 'BUSINESS_EVENT'));`,
    );
    this.addSql(
      `alter table "services"."service_bundle" add constraint "service_bundle_event_code_foreign" foreign key ("event_code") references "services"."service_event" ("code") on delete set null;`,
    );
    this.addSql(
      `alter table "services"."service_bundle" add constraint "service_bundle_online_level_check" check ("online_level" in ('INFORMATION', 'PARTIAL', 'FULL'));`,
    );
    this.addSql(
      `alter table "services"."event_step" add constraint "event_step_event_code_foreign" foreign key ("event_code") references "services"."service_event" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "services"."event_step" add constraint "event_step_service_id_foreign" foreign key ("service_id") references "services"."public_service" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "services"."bundle_member" add constraint "bundle_member_bundle_code_foreign" foreign key ("bundle_code") references "services"."service_bundle" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "services"."bundle_member" add constraint "bundle_member_service_id_foreign" foreign key ("service_id") references "services"."public_service" ("id") on update cascade on delete cascade;`,
    );
  }
}
