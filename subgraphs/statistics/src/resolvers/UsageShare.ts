import type { UsageShareResolvers } from '../generated/resolvers-types.ts';
import { provenanceOfAll } from '../provenance.ts';

export const UsageShare: UsageShareResolvers = {
  provenance: (figures, _, { loaders }) => provenanceOfAll(loaders, figures.sourceIds),
};
