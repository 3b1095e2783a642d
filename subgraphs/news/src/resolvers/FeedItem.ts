import type { FeedItemResolvers } from '../generated/resolvers-types.ts';
import type { NewsLoaders } from '../loaders/index.ts';
import { tombstoneNinjs, toNinjs } from '../ninjs/to-ninjs.ts';
import { type FeedEntry, TOMBSTONES } from '../sql/partner-feed.ts';

/** The article of a feed item, loaded (batched), unless the change is a tombstone (withdrawn, expired). */
const loadArticle = (entry: FeedEntry, loaders: NewsLoaders) =>
  TOMBSTONES.includes(entry.kind) ? Promise.resolve(null) : loaders.articleById.load(entry.article_id);

export const FeedItem: FeedItemResolvers = {
  change: (entry) => entry.kind,
  changedAt: (entry) => new Date(entry.changed_at),
  articleId: (entry) => entry.article_id,
  embargoLifted: (entry) => Boolean(entry.embargo_lifted),
  article: (entry, _, { loaders }) => loadArticle(entry, loaders),
  ninjs: async (entry, { version }, { loaders }) => {
    const article = await loadArticle(entry, loaders);
    return article
      ? toNinjs(article, version ?? 'V3_1', await loaders.renditionsOf.load(article.id))
      : tombstoneNinjs(
          { id: entry.article_id, version: entry.version, changedAt: new Date(entry.changed_at) },
          version ?? 'V3_1',
        );
  },
};
