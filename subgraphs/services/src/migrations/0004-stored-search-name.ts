import { Migration } from '@mikro-orm/migrations';

/**
 * The services' unaccented names, stored and indexed: searching the catalog unaccented each candidate's name for
 * every condition and for the ranking, which was a large share of a search's time.
 */
export class Migration0004StoredSearchName extends Migration {
  override name = 'Migration0004StoredSearchName';

  override up(): void {
    const table = '"services"."public_service"';
    this.addSql(
      `alter table ${table} add column "name_search" text generated always as (services.search_text(name_vi)) stored;`,
    );
    this.addSql('drop index "services"."public_service_name_search";');
    this.addSql(
      `create index "public_service_name_search" on ${table} using gin ("name_search" gin_trgm_ops);`,
    );
  }
}
