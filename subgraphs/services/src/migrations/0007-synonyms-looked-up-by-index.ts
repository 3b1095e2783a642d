import { Migration } from '@mikro-orm/migrations';

/**
 * Search looks synonyms up by the phrases of the search, on either side of a pair, instead of testing every pair
 * of the table against each search: the unique index leads with the term, this one serves the other side.
 */
export class Migration0007SynonymsLookedUpByIndex extends Migration {
  override name = 'Migration0007SynonymsLookedUpByIndex';

  override up(): void {
    this.addSql(
      `create index "search_synonym_synonym_search_index" on "services"."search_synonym" ("synonym_search");`,
    );
  }
}
