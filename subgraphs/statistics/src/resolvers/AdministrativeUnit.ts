import type { AdministrativeUnitResolvers } from '../generated/resolvers-types.ts';
import { checkRange } from '../periods.ts';

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: (reference) => reference,
  usage: ({ code }, { asOf, ...range }, { loaders }) =>
    loaders.unitUsage.load({ parent: code, args: { ...checkRange(range), asOf } }),
  satisfaction: ({ code }, range, { loaders }) =>
    loaders.unitSatisfaction.load({ parent: code, args: checkRange(range) }),
};
