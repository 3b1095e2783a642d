import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@motcua/db';

/**
 * The version of the published articles and campaigns the gateway's response cache keys answers by (see
 * `dataVersionSql`). The partner feed, media partners and webhook deliveries are not public (the cache never
 * holds them) and the delivery worker writes them all the time: they bump nothing.
 */
export class Migration0007DataVersion extends Migration {
  override name = 'Migration0007DataVersion';

  override up(): void {
    for (const sql of dataVersionSql('news', ['article', 'article_rendition', 'campaign'])) this.addSql(sql);
  }
}
