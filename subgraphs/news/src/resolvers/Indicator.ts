import { loadPage } from '@motcua/paging';
import type { IndicatorResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_CURSOR } from '../sql/articles.ts';

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference) => reference,
  articles: ({ id }, args, { loaders }) => loadPage(loaders.indicatorArticles, id, args, ARTICLE_CURSOR, 5),
};
