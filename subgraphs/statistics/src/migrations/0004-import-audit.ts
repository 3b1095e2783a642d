import { Migration } from '@mikro-orm/migrations';

/** Import batches, and the revision log that keeps every figure a later import corrected. */
export class Migration0004ImportAudit extends Migration {
  override name = 'Migration0004ImportAudit';

  override up(): void {
    this.addSql(
      `create table "statistics"."import_batch" ("id" uuid primary key, "source_id" varchar(255) not null references "statistics"."data_source" ("id"), "imported_at" timestamptz not null, "imported_by" text null, "rows" int not null, "inserted" int not null, "corrected" int not null, "unchanged" int not null);`,
    );
    this.addSql(
      `create table "statistics"."figure_revision" ("id" bigserial primary key, "figure_id" bigint not null references "statistics"."dossier_figure" ("id") on delete cascade, "batch_id" uuid not null references "statistics"."import_batch" ("id") deferrable initially deferred, "revised_at" timestamptz not null, "previous" jsonb not null, "current" jsonb not null);`,
    );
    this.addSql(
      `create index "figure_revision_figure_id_index" on "statistics"."figure_revision" ("figure_id");`,
    );
  }
}
