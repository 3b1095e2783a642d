import type { UnitSuccessionResolvers } from '../generated/resolvers-types.ts';

export const UnitSuccession: UnitSuccessionResolvers = {
  // The succession table's foreign keys guarantee the unit exists.
  unit: async ({ unit }, _, { loaders }) => (await loaders.unitByCode.load(unit.code)) ?? unit,
};
