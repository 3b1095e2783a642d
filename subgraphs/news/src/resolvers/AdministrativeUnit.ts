import { loadPage } from '@motcua/paging';
import type { AdministrativeUnitResolvers } from '../generated/resolvers-types.ts';

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: (reference) => reference,
  articles: ({ code }, args, { loaders }) => loadPage(loaders.unitArticles, code, args, 2, 5),
};
