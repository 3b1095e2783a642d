import { Migration } from '@mikro-orm/migrations';
import { triggerFunction } from '../aggregates/maintenance.ts';

/**
 * The aggregates' trigger clears the last revision time of a row left with no revised fact (a fact deleted or moved
 * by hand-written SQL), so that the rows the trigger keeps equal a rebuild from the facts.
 */
export class Migration0013RevisionTimes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`${triggerFunction()};`);
  }
}
