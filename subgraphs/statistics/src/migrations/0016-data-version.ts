import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@motcua/db';

/**
 * The version of the public statistics the gateway's response cache keys answers by (see `dataVersionSql`):
 * every table, since imports write them together and public queries read them.
 */
export class Migration0016DataVersion extends Migration {
  override name = 'Migration0016DataVersion';

  override up(): void {
    for (const sql of dataVersionSql('statistics', [
      'data_source',
      'dataset_revision',
      'dossier_figure',
      'figure_revision',
      'import_batch',
      'indicator',
      'indicator_value',
      'programme_scheme',
      'reform_programme',
      'satisfaction_survey',
      'service_index_criteria_set',
      'service_index_criterion',
      'service_index_input',
      'unit_rollup',
      'usage_by_province',
      'usage_by_service',
      'usage_by_unit',
    ]))
      this.addSql(sql);
  }
}
