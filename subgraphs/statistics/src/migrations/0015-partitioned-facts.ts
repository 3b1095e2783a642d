import { Migration } from '@mikro-orm/migrations';
import { AGGREGATE_TRIGGERS } from '../aggregates/maintenance.ts';
import { CREATE_PARTITIONS_FUNCTION, FACTS_KEPT_FUNCTION } from '../partitions/fact-partitions.ts';

const FACTS = '"statistics"."dossier_figure"';
const NEW = '"statistics"."dossier_figure_partitioned"';

/**
 * The facts partitioned by month (one partition per month, no default partition: see src/partitions), so that a
 * series over some months reads only their partitions and an old month leaves by DETACH and DROP instead of a
 * DELETE of its rows. The table is rebuilt with its data: a partitioned table of the same columns (LIKE copies
 * them in order, with their defaults, NOT NULLs and checks), a partition for every month stored, the rows moved in
 * one INSERT … SELECT (PostgreSQL routes each row to its month: one pass over the old table, where a statement per
 * month would scan it once per month), then the old table dropped and the new one renamed, and the indexes,
 * constraints and triggers built on the filled table (an index built on sorted data, once, instead of maintained
 * row by row). The primary key becomes (id, month): a unique constraint on a partitioned table must hold its
 * partition key, and the revisions' foreign key names (figure_id, month). Ids keep their sequence, which passes to the new column. The aggregates already equal the facts'
 * sums and are left as they are (no trigger fires while the rows move: the new table has none yet).
 */
export class Migration0015PartitionedFacts extends Migration {
  override name = 'Migration0015PartitionedFacts';

  override up(): void {
    this.addSql(
      `create table "statistics"."fact_archive" ("month" date not null, "partition" text not null, "rows" bigint not null, "received" bigint not null, "file" text not null, "archived_at" timestamptz not null, primary key ("month"));`,
    );
    this.addSql(
      `create table ${NEW} (like ${FACTS} including defaults including constraints) partition by range ("month");`,
    );
    this.addSql(`do $$
      declare m date;
      begin
        for m in select distinct "month" from ${FACTS} order by 1 loop
          execute format('create table statistics.%I partition of ${NEW} for values from (%L) to (%L)',
            'dossier_figure_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
        end loop;
      end $$;`);
    this.addSql(`insert into ${NEW} select * from ${FACTS};`);
    this.addSql(
      `alter table "statistics"."figure_revision" drop constraint "figure_revision_figure_id_fkey";`,
    );
    this.addSql(`alter sequence "statistics"."dossier_figure_id_seq" owned by none;`);
    this.addSql(`drop table ${FACTS};`);
    this.addSql(`alter table ${NEW} rename to "dossier_figure";`);
    this.addSql(`alter sequence "statistics"."dossier_figure_id_seq" owned by ${FACTS}."id";`);
    this.addSql(
      `alter table ${FACTS} add constraint "dossier_figure_pkey" primary key ("id", "month"), add constraint "dossier_figure_service_code_unit_code_month_channel_unique" unique ("service_code", "unit_code", "month", "channel");`,
    );
    for (const [name, columns] of [
      ['service_code', '"service_code", "month"'],
      ['unit_code', '"unit_code", "month"'],
      ['province_code', '"province_code", "month"'],
      ['imported_at', '"imported_at"'],
    ]) {
      this.addSql(`create index "dossier_figure_${name}_index" on ${FACTS} (${columns});`);
    }
    this.addSql(
      `alter table ${FACTS} add constraint "dossier_figure_source_id_foreign" foreign key ("source_id") references "statistics"."data_source" ("id"), add constraint "dossier_figure_batch_id_fkey" foreign key ("batch_id") references "statistics"."import_batch" ("id") on delete set null;`,
    );
    // A revision names its figure by the figure's key, id and month (migration 0014 gave revisions the month); the
    // index of a figure's trail follows (one figure, one month: the same probe).
    this.addSql(
      `alter table "statistics"."figure_revision" add constraint "figure_revision_figure_id_fkey" foreign key ("figure_id", "month") references ${FACTS} ("id", "month") on update cascade on delete cascade;`,
    );
    this.addSql('drop index "statistics"."figure_revision_figure_id_index";');
    this.addSql(
      `create index "figure_revision_figure_id_index" on "statistics"."figure_revision" ("figure_id", "month", "revised_at");`,
    );
    for (const trigger of AGGREGATE_TRIGGERS) this.addSql(`${trigger.ddl};`);
    this.addSql(`${CREATE_PARTITIONS_FUNCTION};`);
    this.addSql(`${FACTS_KEPT_FUNCTION};`);
    this.addSql(`analyze ${FACTS};`);
  }
}
