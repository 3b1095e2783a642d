import { Migration } from '@mikro-orm/migrations';

/** Monthly dossier figures per service, unit and channel. */
export class Migration0001DossierFigures extends Migration {
  override name = 'Migration0001DossierFigures';

  override up(): void {
    this.addSql('create schema if not exists "statistics";');
    this.addSql(
      `create table "statistics"."dossier_figure" ("id" bigserial primary key, "service_code" varchar(255) not null, "unit_code" varchar(255) not null, "province_code" varchar(255) not null, "month" date not null, "channel" text not null, "received" int not null, "resolved_on_time" int not null default 0, "resolved_late" int not null default 0, "illustrative" boolean not null default false, "source" text not null);`,
    );
    this.addSql(
      `create index "dossier_figure_service_code_index" on "statistics"."dossier_figure" ("service_code", "month");`,
    );
    this.addSql(
      `create index "dossier_figure_unit_code_index" on "statistics"."dossier_figure" ("unit_code", "month");`,
    );
    this.addSql(
      `create index "dossier_figure_province_code_index" on "statistics"."dossier_figure" ("province_code", "month");`,
    );
    this.addSql(
      `alter table "statistics"."dossier_figure" add constraint "dossier_figure_service_code_unit_code_month_channel_unique" unique ("service_code", "unit_code", "month", "channel");`,
    );
    this.addSql(
      `alter table "statistics"."dossier_figure" add constraint "dossier_figure_channel_check" check ("channel" in ('ONLINE', 'IN_PERSON', 'POST'));`,
    );
    this.addSql(
      `alter table "statistics"."dossier_figure" add constraint "dossier_figure_counts_check" check ("received" >= 0 and "resolved_on_time" >= 0 and "resolved_late" >= 0);`,
    );
    this.addSql(
      `alter table "statistics"."dossier_figure" add constraint "dossier_figure_month_check" check (extract(day from "month") = 1);`,
    );
  }
}
