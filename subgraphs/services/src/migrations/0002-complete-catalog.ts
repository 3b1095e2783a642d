import { Migration } from '@mikro-orm/migrations';

/**
 * The complete catalog (CPSV-AP): descriptions, competent and implementing agencies, channels, conditional fees,
 * required documents, output, status and validity, official URL; agency hierarchy and contact points; where each
 * service is offered. Existing fee columns are carried over into the fee list.
 */
export class Migration0002CompleteCatalog extends Migration {
  override name = 'Migration0002CompleteCatalog';

  override up(): void {
    const service = '"services"."public_service"';
    this.addSql(`alter table ${service} rename column "agency_code" to "competent_agency_code";`);
    this.addSql(
      `alter table ${service} rename constraint "public_service_agency_code_foreign" to "public_service_competent_agency_code_foreign";`,
    );
    this.addSql(`alter table ${service}
      add column "description_vi" text null,
      add column "description_en" text null,
      add column "implementing_agency_codes" text[] not null default '{}',
      add column "channels" jsonb not null default '[]',
      add column "fees" jsonb not null default '[]',
      add column "documents" jsonb not null default '[]',
      add column "output_vi" text null,
      add column "output_en" text null,
      add column "status" text not null default 'ACTIVE',
      add column "effective_from" date null,
      add column "effective_to" date null,
      add column "official_url" text null;`);
    this.addSql(`update ${service} set
      "implementing_agency_codes" = array["competent_agency_code"],
      "fees" = case when "fee_vnd" is null or "fee_vnd" = 0 then '[]'::jsonb
        else jsonb_build_array(jsonb_build_object('amountVnd', "fee_vnd", 'condition', "fee_note")) end;`);
    this.addSql(`alter table ${service} drop column "fee_vnd", drop column "fee_note";`);
    this.addSql(
      `alter table ${service} add constraint "public_service_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'REPEALED'));`,
    );
    this.addSql(
      `alter table ${service} add constraint "public_service_code_format" check ("code" ~ '^[0-9]\\.[0-9]{6}$');`,
    );
    this.addSql(`create index "public_service_field_code_index" on ${service} ("field_code");`);
    this.addSql(
      `create index "public_service_implementing_agency_codes_index" on ${service} using gin ("implementing_agency_codes");`,
    );

    const agency = '"services"."agency"';
    this.addSql(`alter table ${agency}
      add column "parent_code" varchar(255) null,
      add column "contact_points" jsonb not null default '[]',
      add column "illustrative_attributes" text[] not null default '{}';`);
    this.addSql(
      `alter table ${agency} add constraint "agency_parent_code_foreign" foreign key ("parent_code") references ${agency} ("code") on delete set null;`,
    );
    this.addSql(
      `create index "agency_name_search" on ${agency} using gin ("services".search_text(name_vi) gin_trgm_ops);`,
    );

    this.addSql(
      `create table "services"."service_offering" ("service_id" uuid not null, "unit_code" varchar(255) not null, "online_level" text not null, primary key ("service_id", "unit_code"));`,
    );
    this.addSql(
      `create index "service_offering_unit_code_index" on "services"."service_offering" ("unit_code");`,
    );
    this.addSql(
      `alter table "services"."service_offering" add constraint "service_offering_online_level_check" check ("online_level" in ('INFORMATION', 'PARTIAL', 'FULL'));`,
    );
    this.addSql(
      `alter table "services"."service_offering" add constraint "service_offering_service_id_foreign" foreign key ("service_id") references ${service} ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "services"."service_offering" add constraint "service_offering_unit_code_foreign" foreign key ("unit_code") references "services"."administrative_unit" ("code") on update cascade on delete cascade;`,
    );
  }
}
