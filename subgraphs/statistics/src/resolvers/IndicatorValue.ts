import type { IndicatorValueResolvers } from '../generated/resolvers-types.ts';
import { loadProvenance } from '../provenance.ts';

export const IndicatorValue: IndicatorValueResolvers = {
  provenance: (value, _, { loaders }) => loadProvenance(loaders, value.source.id),
};
