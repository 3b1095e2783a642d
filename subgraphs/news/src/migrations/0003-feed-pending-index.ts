import { Migration } from '@mikro-orm/migrations';

/**
 * The articles with a version the partner feed's log does not have yet: a handful at any time (scheduled or
 * embargoed ones), so a feed read learns whether anything is due from this index alone, without the feed's lock.
 */
export class Migration0003FeedPendingIndex extends Migration {
  override name = 'Migration0003FeedPendingIndex';

  override up(): void {
    this.addSql(
      'create index "article_feed_pending_index" on "news"."article" ("id") where feed_version_all < version or feed_version_embargoed < version;',
    );
  }
}
