import { Migration } from '@mikro-orm/migrations';

const KEYS = [
  ['service_code', 'varchar(255)'],
  ['unit_code', 'varchar(255)'],
  ['province_code', 'varchar(255)'],
  ['month', 'date'],
  ['channel', 'text'],
] as const;

/**
 * Every revision carries the key of the fact it corrects (a correction never changes a fact's key), so that a
 * vintage reads only the corrections within its question's scope (a unit, a province, a service, a range of
 * months) by an index, instead of every correction since its date joined to its fact. Existing revisions get their
 * fact's key.
 */
export class Migration0014RevisionKeys extends Migration {
  override name = 'Migration0014RevisionKeys';

  override up(): void {
    const revisions = '"statistics"."figure_revision"';
    this.addSql(
      `alter table ${revisions} ${KEYS.map(([column, type]) => `add column "${column}" ${type} null`).join(', ')};`,
    );
    this.addSql(`update ${revisions} r set ${KEYS.map(([column]) => `"${column}" = f."${column}"`).join(', ')}
      from "statistics"."dossier_figure" f where f."id" = r."figure_id";`);
    this.addSql(
      `alter table ${revisions} ${KEYS.map(([column]) => `alter column "${column}" set not null`).join(', ')};`,
    );
    this.addSql(
      `alter table ${revisions} add constraint "figure_revision_channel_check" check ("channel" in ('ONLINE', 'IN_PERSON', 'POST'));`,
    );
    for (const column of ['service_code', 'unit_code', 'province_code']) {
      this.addSql(
        `create index "figure_revision_${column}_index" on ${revisions} ("${column}", "revised_at");`,
      );
    }
  }
}
