import { Migration } from '@mikro-orm/migrations';
import { AGGREGATES, rebuildFunction, triggerFunction } from '../aggregates/maintenance.ts';

/**
 * Vintages (figures as known on a date): every fact says when it was first imported and by which batch, and when
 * it was last corrected; the aggregates count their corrected facts and keep the latest correction. Facts stored
 * before this migration count as known since before the revision log began (`-infinity`): their values at an
 * earlier date are still rebuilt from their revisions. The aggregates are rebuilt once with the new columns.
 */
export class Migration0011Vintages extends Migration {
  override name = 'Migration0011Vintages';

  override up(): void {
    const facts = '"statistics"."dossier_figure"';
    this.addSql(`alter table ${facts} add column "imported_at" timestamptz not null default '-infinity';`);
    this.addSql(`alter table ${facts} alter column "imported_at" set default now();`);
    this.addSql(
      `alter table ${facts} add column "batch_id" uuid null, add column "revised_at" timestamptz null;`,
    );
    this.addSql(
      `alter table ${facts} add constraint "dossier_figure_batch_id_fkey" foreign key ("batch_id") references "statistics"."import_batch" ("id") on delete set null;`,
    );
    this.addSql(`create index "dossier_figure_imported_at_index" on ${facts} ("imported_at");`);
    this.addSql(
      `create index "figure_revision_revised_at_index" on "statistics"."figure_revision" ("revised_at");`,
    );
    this.addSql('drop index "statistics"."figure_revision_figure_id_index";');
    this.addSql(
      `create index "figure_revision_figure_id_index" on "statistics"."figure_revision" ("figure_id", "revised_at");`,
    );
    // The latest correction of a figure corrected before this migration is in its revision log.
    this.addSql(`update ${facts} f set revised_at = r.revised_at
      from (select figure_id, max(revised_at) as revised_at from "statistics"."figure_revision" group by figure_id) r
      where r.figure_id = f.id;`);
    for (const { table } of AGGREGATES) {
      this.addSql(
        `alter table "statistics"."${table}" add column "revised_facts" int not null default 0, add column "last_revised_at" timestamptz null;`,
      );
    }
    this.addSql(`${triggerFunction({ revisions: true })};`);
    this.addSql(`${rebuildFunction({ revisions: true })};`);
    this.addSql('select statistics.rebuild_usage_aggregates();');
  }
}
