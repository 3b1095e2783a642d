import type { ArticleResolvers } from '../generated/resolvers-types.ts';
import { isVisible, statusOf } from '../newsroom/visibility.ts';
import { topicOf } from '../ninjs/media-topics.ts';
import { toNinjs } from '../ninjs/to-ninjs.ts';
import { readabilityOf } from '../renditions/readability.ts';

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
  easyRead: (article) => {
    const readability = article.easyRead ? readabilityOf(article.easyRead) : null;
    return article.easyRead && readability
      ? {
          body: article.easyRead,
          readability: readability.grade,
          sentences: readability.sentences,
          wordsPerSentence: readability.wordsPerSentence,
          longestSentence: readability.longestSentence,
        }
      : null;
  },
  renditions: (article, _, { loaders }) => loaders.renditionsOf.load(article.id),
  ninjs: async (article, { version }, { loaders }) =>
    toNinjs(article, version ?? 'V3_1', await loaders.renditionsOf.load(article.id)),
};
