import { loadPage } from '@motcua/paging';
import type { IndicatorResolvers } from '../generated/resolvers-types.ts';

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference) => reference,
  articles: ({ id }, args, { loaders }) => loadPage(loaders.indicatorArticles, id, args, 2, 5),
};
