import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@motcua/db';

/**
 * The version of the public catalog and units the gateway's response cache keys answers by (see `dataVersionSql`):
 * every table, since every one is read by public queries.
 */
export class Migration0008DataVersion extends Migration {
  override name = 'Migration0008DataVersion';

  override up(): void {
    for (const sql of dataVersionSql('services', [
      'administrative_unit',
      'agency',
      'bundle_member',
      'event_step',
      'public_service',
      'search_synonym',
      'service_bundle',
      'service_event',
      'service_field',
      'service_offering',
      'unit_succession',
    ]))
      this.addSql(sql);
  }
}
