import { type ConnectionArgs, loadPage, scalarResolvers } from '@motcua/graphql-kit';
import type { Article } from '../entities/index.ts';
import type { NewsContext } from '../loaders/index.ts';
import { Query } from './query.ts';

export const resolvers = {
  ...scalarResolvers,
  Query,
  Article: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: NewsContext) => {
      const article = await loaders.articleById.load(id);
      return article?.status === 'PUBLISHED' ? article : null;
    },
    source: (article: Article) =>
      article.sourcePublisher && article.sourceUrl
        ? { publisher: article.sourcePublisher, url: article.sourceUrl }
        : null,
    services: async (article: Article, _: unknown, { loaders }: NewsContext) =>
      (await loaders.servicesOf.load(article.id)).map((link) => ({ code: link.serviceCode })),
    units: async (article: Article, _: unknown, { loaders }: NewsContext) =>
      (await loaders.unitsOf.load(article.id)).map((link) => ({ code: link.unitCode })),
  },
  PublicService: {
    __resolveReference: (reference: { code: string }) => reference,
    articles: ({ code }: { code: string }, args: ConnectionArgs, { loaders }: NewsContext) =>
      loadPage(loaders.serviceArticles, code, args, 2, 5),
  },
  AdministrativeUnit: {
    __resolveReference: (reference: { code: string }) => reference,
    articles: ({ code }: { code: string }, args: ConnectionArgs, { loaders }: NewsContext) =>
      loadPage(loaders.unitArticles, code, args, 2, 5),
  },
};
