import { Migration } from '@mikro-orm/migrations';
import { rebuildFunction } from '../aggregates/maintenance.ts';

/** `statistics.rebuild_usage_aggregates()`: the aggregates rebuilt from the facts, for bulk loads (see README). */
export class Migration0006RebuildUsageAggregates extends Migration {
  override name = 'Migration0006RebuildUsageAggregates';

  override up(): void {
    this.addSql(`${rebuildFunction({ revisions: false })};`);
  }
}
