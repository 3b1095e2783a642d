import { loadPage } from '@motcua/paging';
import type { PublicServiceResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_CURSOR } from '../sql/articles.ts';

export const PublicService: PublicServiceResolvers = {
  __resolveReference: (reference) => reference,
  articles: ({ code }, args, { loaders }) => loadPage(loaders.serviceArticles, code, args, ARTICLE_CURSOR, 5),
  campaigns: async ({ code }, _, { loaders }) =>
    (await loaders.campaignsTargeting.load(code)).map((row) => row.campaign),
};
