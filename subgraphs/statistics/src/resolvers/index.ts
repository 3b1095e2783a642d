import { scalarResolvers } from '@motcua/graphql-kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { checkRange, emptyUsage, usageByKeys } from '../loaders/usage.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    usage: async (_, range, { em }) =>
      (await usageByKeys(em, 'all', ['all'], checkRange(range))).get('all') ?? emptyUsage(range),
  },
  PublicService: {
    __resolveReference: (reference) => reference,
    usage: ({ code }, range, { loaders }) =>
      loaders.serviceUsage.load({ parent: code, args: checkRange(range) }),
  },
  AdministrativeUnit: {
    __resolveReference: (reference) => reference,
    usage: ({ code }, range, { loaders }) =>
      loaders.unitUsage.load({ parent: code, args: checkRange(range) }),
  },
};
