import { scalarResolvers } from '@motcua/graphql-kit';
import type { StatisticsContext } from '../loaders/index.ts';
import { checkRange, type MonthRange, usageByKeys } from '../loaders/usage.ts';

export const resolvers = {
  ...scalarResolvers,
  Query: {
    usage: async (_: unknown, range: MonthRange, { em }: StatisticsContext) =>
      (await usageByKeys(em, 'all', ['all'], checkRange(range))).get('all'),
  },
  PublicService: {
    __resolveReference: (reference: { code: string }) => reference,
    usage: ({ code }: { code: string }, range: MonthRange, { loaders }: StatisticsContext) =>
      loaders.serviceUsage.load({ parent: code, args: checkRange(range) }),
  },
  AdministrativeUnit: {
    __resolveReference: (reference: { code: string }) => reference,
    usage: ({ code }: { code: string }, range: MonthRange, { loaders }: StatisticsContext) =>
      loaders.unitUsage.load({ parent: code, args: checkRange(range) }),
  },
};
