import { Migration } from '@mikro-orm/migrations';

/**
 * Each import batch says how its rows treated the values they omitted (MERGE: kept what the figure had; REPLACE:
 * back to the defaults), so the revision trail shows why a value changed. Batches before this were whole-row
 * replacements in effect, but they wrote their rows whole, so MERGE describes them as well as REPLACE would.
 */
export class Migration0010ImportMode extends Migration {
  override name = 'Migration0010ImportMode';

  override up(): void {
    this.addSql(`alter table "statistics"."import_batch" add column "mode" text not null default 'MERGE';`);
    this.addSql(
      `alter table "statistics"."import_batch" add constraint "import_batch_mode_check" check ("mode" in ('MERGE', 'REPLACE'));`,
    );
  }
}
