import type { ServiceIndexCriteriaSetResolvers } from '../generated/resolvers-types.ts';

export const ServiceIndexCriteriaSet: ServiceIndexCriteriaSetResolvers = {
  criteria: (set, _, { loaders }) => loaders.criteriaOf.load(set.version),
};
