import { loadPage } from '@motcua/paging';
import type { AdministrativeUnitResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_CURSOR } from '../sql/articles.ts';

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: (reference) => reference,
  articles: ({ code }, args, { loaders }) => loadPage(loaders.unitArticles, code, args, ARTICLE_CURSOR, 5),
};
