import type { Article as ArticleEntity } from '../entities/index.ts';
import type { ArticleResolvers, FeedItemResolvers } from '../generated/resolvers-types.ts';
import { isVisible, statusOf } from '../newsroom/visibility.ts';
import { topicOf } from '../ninjs/media-topics.ts';
import { tombstoneNinjs, toNinjs } from '../ninjs/to-ninjs.ts';

export const Article: ArticleResolvers = {
  __resolveReference: async ({ id }, { loaders }) => {
    const article = await loaders.articleById.load(id);
    return article && isVisible(article, await loaders.viewer()) ? article : null;
  },
  body: (article) => ({ html: article.bodyHtml, text: article.bodyText }),
  translations: async (article, _, { loaders }) => {
    const viewer = await loaders.viewer();
    return (await loaders.translationsOf.load(article.translationGroup)).filter(
      (other) => other.id !== article.id && isVisible(other, viewer),
    );
  },
  source: (article) =>
    article.sourcePublisher && article.sourceUrl
      ? { publisher: article.sourcePublisher, url: article.sourceUrl }
      : null,
  topics: (article) => article.topicCodes.map(topicOf),
  rights: (article) => ({
    copyrightHolder: article.copyrightHolder,
    licence: article.licence,
    usageTerms: article.usageTerms ?? null,
  }),
  status: (article) => statusOf(article),
  services: (article) => article.serviceCodes.map((code) => ({ code })),
  units: (article) => article.unitCodes.map((code) => ({ code })),
  indicators: (article) => article.indicatorIds.map((id) => ({ id })),
  campaigns: async (article, _, { loaders }) =>
    (await loaders.campaignById.loadMany(article.campaignIds)).filter(
      (campaign) => campaign !== null && !(campaign instanceof Error),
    ) as NonNullable<Awaited<ReturnType<typeof loaders.campaignById.load>>>[],
  ninjs: (article, { version }) => toNinjs(article, version ?? 'V3_1'),
};

/** A row of the partner feed; the article is loaded (batched) unless the change is a withdrawal. */
export type FeedEntry = {
  cursor: string;
  seq: number;
  article_id: string;
  version: number;
  kind: 'PUBLISHED' | 'UPDATED' | 'WITHDRAWN';
  changed_at: Date | string;
};

const loadArticle = (
  entry: FeedEntry,
  loaders: { articleById: { load: (id: string) => Promise<ArticleEntity | null> } },
) => (entry.kind === 'WITHDRAWN' ? Promise.resolve(null) : loaders.articleById.load(entry.article_id));

export const FeedItem: FeedItemResolvers = {
  change: (entry) => entry.kind,
  changedAt: (entry) => new Date(entry.changed_at),
  articleId: (entry) => entry.article_id,
  article: (entry, _, { loaders }) => loadArticle(entry, loaders),
  ninjs: async (entry, { version }, { loaders }) => {
    const article = await loadArticle(entry, loaders);
    return article
      ? toNinjs(article, version ?? 'V3_1')
      : tombstoneNinjs(
          { id: entry.article_id, version: entry.version, changedAt: new Date(entry.changed_at) },
          version ?? 'V3_1',
        );
  },
};
