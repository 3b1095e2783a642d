import { Migration } from '@mikro-orm/migrations';
import { AGGREGATE_TRIGGERS, backfillSql, triggerFunction } from '../aggregates/maintenance.ts';

// The aggregates as this migration made them, before migration 0011 added the revision columns.
const GENERATION = { revisions: false };

const SUMS = `"month" date not null, "channel" varchar(255) not null, "source_id" varchar(255) not null,
  "facts" int not null, "approximate_facts" int not null, "received" bigint not null, "resolved_on_time" bigint not null,
  "resolved_late" bigint not null, "pending" bigint not null, "rejected" bigint not null`;
const KEY = `"month", "channel", "source_id"`;

/**
 * Usage aggregates by unit, by province and by service (sums of the facts by month, channel and source), built
 * from the facts already stored and kept exact by statement-level triggers on dossier_figure, so the analyst
 * queries read thousands of rows instead of millions.
 */
export class Migration0005UsageAggregates extends Migration {
  override name = 'Migration0005UsageAggregates';

  override up(): void {
    this.addSql(
      `create table "statistics"."usage_by_unit" ("unit_code" varchar(255) not null, "province_code" varchar(255) not null, "unit_key" varchar(255) not null, "province_key" varchar(255) not null, ${SUMS}, primary key ("unit_code", "province_code", "unit_key", "province_key", ${KEY}));`,
    );
    this.addSql(
      `create table "statistics"."usage_by_province" ("province_code" varchar(255) not null, "province_key" varchar(255) not null, ${SUMS}, primary key ("province_code", "province_key", ${KEY}));`,
    );
    this.addSql(
      `create table "statistics"."usage_by_service" ("service_code" varchar(255) not null, "field_key" varchar(255) not null, ${SUMS}, primary key ("service_code", "field_key", ${KEY}));`,
    );
    for (const [table, name, columns] of [
      ['usage_by_unit', 'unit_key', '"unit_key", "month"'],
      ['usage_by_unit', 'province_key', '"province_key", "month"'],
      ['usage_by_unit', 'province_code', '"province_code", "month"'],
      ['usage_by_unit', 'month', '"month"'],
      ['usage_by_province', 'province_key', '"province_key", "month"'],
      ['usage_by_province', 'month', '"month"'],
      ['usage_by_service', 'service_code', '"service_code", "month"'],
      ['usage_by_service', 'month', '"month"'],
    ]) {
      this.addSql(`create index "${table}_${name}_index" on "statistics"."${table}" (${columns});`);
    }
    for (const statement of backfillSql(GENERATION)) this.addSql(`${statement};`);
    this.addSql(`${triggerFunction(GENERATION)};`);
    for (const trigger of AGGREGATE_TRIGGERS) this.addSql(`${trigger.ddl};`);
  }
}
