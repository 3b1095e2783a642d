import { Migration } from '@mikro-orm/migrations';
import { CRITERIA_766_ILLUSTRATIVE as SET } from '../service-index/criteria-766.ts';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const literal = (value: unknown) =>
  value === null || value === undefined
    ? 'null'
    : typeof value === 'number'
      ? String(value)
      : typeof value === 'object'
        ? `${quote(JSON.stringify(value))}::jsonb`
        : quote(String(value));

/**
 * The service index of Decision 766/QĐ-TTg: its criteria as versioned data (seeded with an illustrative first
 * version whose groups weigh what the Decision says), the inputs dossier figures do not hold (imported monthly
 * counts), and the revision log of every dataset import besides dossier figures.
 */
export class Migration0012ServiceIndex extends Migration {
  override name = 'Migration0012ServiceIndex';

  override up(): void {
    // The DDL as MikroORM writes it for the entities (src/entities/service-index.ts).
    this.addSql(
      `create table "statistics"."dataset_revision" ("id" bigserial primary key, "dataset" text not null, "row_key" jsonb not null, "batch_id" uuid not null, "revised_at" timestamptz not null, "previous" jsonb not null, "current" jsonb not null);`,
    );
    this.addSql(
      `create index "dataset_revision_dataset_row_key_index" on "statistics"."dataset_revision" ("dataset", "row_key");`,
    );
    this.addSql(
      `create table "statistics"."service_index_criteria_set" ("version" varchar(255) not null, "name" text not null, "effective_from" date not null, "illustrative" boolean not null default false, "note" text null, primary key ("version"));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criteria_set" add constraint "service_index_criteria_set_effective_from_unique" unique ("effective_from");`,
    );
    this.addSql(
      `create table "statistics"."service_index_criterion" ("criteria_set_version" varchar(255) not null, "code" varchar(255) not null, "group" text not null, "position" smallint not null, "name_vi" text not null, "name_en" text not null, "formula" text not null, "numerator" text not null, "denominator" text not null, "bands" jsonb null, "target" double precision null, "max_points" double precision not null, "numerator_noun_vi" text not null, "numerator_noun_en" text not null, primary key ("criteria_set_version", "code"));`,
    );
    this.addSql(
      `create table "statistics"."service_index_input" ("unit_code" varchar(255) not null, "month" date not null, "input" text not null, "province_code" varchar(255) not null, "value" int not null, "source_id" varchar(255) not null, primary key ("unit_code", "month", "input"));`,
    );
    this.addSql(
      `create index "service_index_input_province_code_index" on "statistics"."service_index_input" ("province_code", "month");`,
    );
    this.addSql(
      `create index "service_index_input_month_index" on "statistics"."service_index_input" ("month");`,
    );
    this.addSql(
      `alter table "statistics"."dataset_revision" add constraint "dataset_revision_batch_id_foreign" foreign key ("batch_id") references "statistics"."import_batch" ("id") deferrable initially deferred;`,
    );
    this.addSql(
      `alter table "statistics"."dataset_revision" add constraint "dataset_revision_dataset_check" check ("dataset" in ('SERVICE_INDEX_INPUTS', 'SATISFACTION_SURVEYS', 'INDICATOR_VALUES'));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criterion" add constraint "service_index_criterion_criteria_set_version_foreign" foreign key ("criteria_set_version") references "statistics"."service_index_criteria_set" ("version") on delete cascade;`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criterion" add constraint "service_index_criterion_group_check" check ("group" in ('PUBLICITY', 'PROGRESS', 'DIGITISATION', 'ONLINE_SERVICES', 'SATISFACTION'));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criterion" add constraint "service_index_criterion_formula_check" check ("formula" in ('BANDS', 'PROPORTIONAL'));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criterion" add constraint "service_index_criterion_numerator_check" check ("numerator" in ('RECEIVED', 'RECEIVED_ONLINE', 'RESOLVED', 'RESOLVED_ON_TIME', 'RESPONDENTS', 'SATISFIED', 'PROCEDURES', 'PUBLISHED_PROCEDURES', 'SYNCED_DOSSIERS', 'DIGITISED_DOSSIERS', 'DIGITISED_RESULTS', 'REUSED_DOSSIERS', 'FEE_DOSSIERS', 'PAID_ONLINE'));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_criterion" add constraint "service_index_criterion_denominator_check" check ("denominator" in ('RECEIVED', 'RECEIVED_ONLINE', 'RESOLVED', 'RESOLVED_ON_TIME', 'RESPONDENTS', 'SATISFIED', 'PROCEDURES', 'PUBLISHED_PROCEDURES', 'SYNCED_DOSSIERS', 'DIGITISED_DOSSIERS', 'DIGITISED_RESULTS', 'REUSED_DOSSIERS', 'FEE_DOSSIERS', 'PAID_ONLINE'));`,
    );
    this.addSql(
      `alter table "statistics"."service_index_input" add constraint "service_index_input_source_id_foreign" foreign key ("source_id") references "statistics"."data_source" ("id");`,
    );
    this.addSql(
      `alter table "statistics"."service_index_input" add constraint "service_index_input_value_check" check ("value" >= 0);`,
    );
    this.addSql(
      `alter table "statistics"."service_index_input" add constraint "service_index_input_input_check" check ("input" in ('RECEIVED', 'RECEIVED_ONLINE', 'RESOLVED', 'RESOLVED_ON_TIME', 'RESPONDENTS', 'SATISFIED', 'PROCEDURES', 'PUBLISHED_PROCEDURES', 'SYNCED_DOSSIERS', 'DIGITISED_DOSSIERS', 'DIGITISED_RESULTS', 'REUSED_DOSSIERS', 'FEE_DOSSIERS', 'PAID_ONLINE'));`,
    );
    this.addSql(
      `insert into "statistics"."service_index_criteria_set" ("version", "name", "effective_from", "illustrative", "note") values (${[SET.version, SET.name, SET.effectiveFrom, SET.illustrative ? 'true' : 'false', SET.note].map((value, index) => (index === 3 ? value : literal(value))).join(', ')});`,
    );
    const columns = [
      'code',
      'group',
      'position',
      'name_vi',
      'name_en',
      'formula',
      'numerator',
      'denominator',
      'bands',
      'target',
      'max_points',
      'numerator_noun_vi',
      'numerator_noun_en',
    ];
    const rows = SET.criteria.map((criterion, position) => {
      const values = [
        criterion.code,
        criterion.group,
        position + 1,
        criterion.nameVi,
        criterion.nameEn,
        criterion.formula,
        criterion.numerator,
        criterion.denominator,
        'bands' in criterion ? criterion.bands : null,
        'target' in criterion ? criterion.target : null,
        criterion.maxPoints,
        criterion.numeratorNounVi,
        criterion.numeratorNounEn,
      ];
      return `(${literal(SET.version)}, ${values.map(literal).join(', ')})`;
    });
    this.addSql(
      `insert into "statistics"."service_index_criterion" ("criteria_set_version", ${columns.map((column) => `"${column}"`).join(', ')}) values ${rows.join(', ')};`,
    );
  }
}
