import { loadPage, scalarResolvers } from '@motcua/graphql-kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Article: {
    __resolveReference: async ({ id }, { loaders }) => {
      const article = await loaders.articleById.load(id);
      return article?.status === 'PUBLISHED' ? article : null;
    },
    source: (article) =>
      article.sourcePublisher && article.sourceUrl
        ? { publisher: article.sourcePublisher, url: article.sourceUrl }
        : null,
    services: async (article, _, { loaders }) =>
      (await loaders.servicesOf.load(article.id)).map((link) => ({ code: link.serviceCode })),
    units: async (article, _, { loaders }) =>
      (await loaders.unitsOf.load(article.id)).map((link) => ({ code: link.unitCode })),
  },
  PublicService: {
    __resolveReference: (reference) => reference,
    articles: ({ code }, args, { loaders }) => loadPage(loaders.serviceArticles, code, args, 2, 5),
  },
  AdministrativeUnit: {
    __resolveReference: (reference) => reference,
    articles: ({ code }, args, { loaders }) => loadPage(loaders.unitArticles, code, args, 2, 5),
  },
};
