import type { ServiceOfferingResolvers } from '../generated/resolvers-types.ts';

export const ServiceOffering: ServiceOfferingResolvers = {
  unit: async (offering, _, { loaders }) =>
    (await loaders.unitByCode.load(offering.unit.code)) ?? offering.unit,
};
