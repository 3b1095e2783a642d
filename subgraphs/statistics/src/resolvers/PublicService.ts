import type { PublicServiceResolvers } from '../generated/resolvers-types.ts';
import { checkRange } from '../periods.ts';

export const PublicService: PublicServiceResolvers = {
  __resolveReference: (reference) => reference,
  usage: ({ code }, { asOf, ...range }, { loaders }) =>
    loaders.serviceUsage.load({ parent: code, args: { ...checkRange(range), asOf } }),
};
