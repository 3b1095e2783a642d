import { Migration } from '@mikro-orm/migrations';

/**
 * One partial index per kind of change the partner feed may have to log, in place of one over all three: every
 * published article that was never embargoed has `feed_version_embargoed < version`, and most carry an `expires`,
 * so the old index held nearly every article (45,000 of 50,000 in the benchmark) and each feed read and webhook
 * worker turn scanned them (55–150 ms).
 */
export class Migration0006FeedDueIndexes extends Migration {
  override name = 'Migration0006FeedDueIndexes';

  override up(): void {
    this.addSql('drop index "news"."article_feed_pending_index";');
    this.addSql(
      `create index "article_feed_pending_all_index" on "news"."article" ("id") where feed_version_all < version and status <> 'DRAFT';`,
    );
    this.addSql(
      `create index "article_feed_pending_embargoed_index" on "news"."article" ("embargo_until") where feed_version_embargoed < version and status = 'PUBLISHED' and embargo_until is not null;`,
    );
    this.addSql(
      'create index "article_feed_expiry_index" on "news"."article" ("expires") where expires is not null and not feed_expired;',
    );
  }
}
