import { Migration } from '@mikro-orm/migrations';

/**
 * Provenance for every series (data sources), the full dossier facts (pending, rejected, paid online, field),
 * satisfaction surveys, and reform programmes with their indicators, values and schemes.
 */
export class Migration0002ProgrammesAndProvenance extends Migration {
  override name = 'Migration0002ProgrammesAndProvenance';

  override up(): void {
    this.addSql(
      `create table "statistics"."data_source" ("id" varchar(255) not null, "name" text not null, "publisher" text not null, "methodology" text null, "url" text null, "illustrative" boolean not null default false, "published_at" timestamptz null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    // Figures already stored were the demo's illustrative ones: they get that source.
    this.addSql(`insert into "statistics"."data_source" ("id", "name", "publisher", "methodology", "illustrative", "updated_at")
      select 'motcua-illustrative', 'Illustrative figures generated for the demo', 'motcua',
        'Made up for the demo; not published data.', true, now()
      where exists (select 1 from "statistics"."dossier_figure");`);
    const figure = '"statistics"."dossier_figure"';
    this.addSql(`alter table ${figure}
      add column "pending" int not null default 0,
      add column "rejected" int not null default 0,
      add column "paid_online" int null,
      add column "field_code" varchar(255) null,
      add column "source_id" varchar(255) null;`);
    this.addSql(`update ${figure} set "source_id" = 'motcua-illustrative';`);
    this.addSql(
      `alter table ${figure} alter column "source_id" set not null, drop column "source", drop column "illustrative";`,
    );
    this.addSql(`alter table ${figure} drop constraint "dossier_figure_counts_check";`);
    this.addSql(`alter table ${figure} add constraint "dossier_figure_counts_check" check ("received" >= 0 and "resolved_on_time" >= 0 and "resolved_late" >= 0
      and "pending" >= 0 and "rejected" >= 0 and coalesce("paid_online", 0) >= 0 and "resolved_on_time" + "resolved_late" <= "received");`);
    this.addSql(
      `alter table ${figure} add constraint "dossier_figure_source_id_foreign" foreign key ("source_id") references "statistics"."data_source" ("id");`,
    );
    this.addSql(
      `create table "statistics"."reform_programme" ("code" varchar(255) not null, "name" text not null, "owner" text not null, "unit_code" varchar(255) not null, "period_start" date not null, "period_end" date not null, "source_id" varchar(255) not null references "statistics"."data_source" ("id"), primary key ("code"));`,
    );
    this.addSql(
      `create table "statistics"."indicator" ("id" varchar(255) not null, "programme_code" varchar(255) not null references "statistics"."reform_programme" ("code"), "position" smallint not null, "name_vi" text not null, "name_en" text null, "unit_of_measure" varchar(255) not null, "direction" text not null check ("direction" in ('AT_LEAST', 'AT_MOST')), "target" double precision not null, "baseline" double precision null, "target_date" date not null, "illustrative" boolean not null default false, "source_id" varchar(255) not null references "statistics"."data_source" ("id"), primary key ("id"));`,
    );
    this.addSql(
      `create index "indicator_programme_code_index" on "statistics"."indicator" ("programme_code");`,
    );
    this.addSql(
      `create table "statistics"."indicator_value" ("indicator_id" varchar(255) not null references "statistics"."indicator" ("id"), "period_end" date not null, "period" varchar(255) not null, "value" double precision not null, "source_id" varchar(255) not null references "statistics"."data_source" ("id"), primary key ("indicator_id", "period_end"));`,
    );
    this.addSql(
      `create table "statistics"."programme_scheme" ("id" serial primary key, "programme_code" varchar(255) not null references "statistics"."reform_programme" ("code"), "name" text not null, "completed_on" date null, "illustrative" boolean not null default false);`,
    );
    this.addSql(
      `create index "programme_scheme_programme_code_index" on "statistics"."programme_scheme" ("programme_code");`,
    );
    this.addSql(
      `create table "statistics"."satisfaction_survey" ("id" serial primary key, "unit_code" varchar(255) not null, "agency_code" varchar(255) not null default '', "period_start" date not null, "period_end" date not null, "respondents" int not null check ("respondents" >= 0), "satisfied" int not null check ("satisfied" >= 0 and "satisfied" <= "respondents"), "source_id" varchar(255) not null references "statistics"."data_source" ("id"), unique ("unit_code", "agency_code", "period_start"));`,
    );
    this.addSql(
      `create index "satisfaction_survey_unit_code_index" on "statistics"."satisfaction_survey" ("unit_code");`,
    );
  }
}
