import type { UsagePointResolvers } from '../generated/resolvers-types.ts';
import { provenanceOfAll } from '../provenance.ts';

export const UsagePoint: UsagePointResolvers = {
  provenance: (figures, _, { loaders }) => provenanceOfAll(loaders, figures.sourceIds),
};
