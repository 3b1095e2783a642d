import type { UsageResolvers } from '../generated/resolvers-types.ts';
import { provenanceOfAll } from '../provenance.ts';

export const Usage: UsageResolvers = {
  provenance: (figures, _, { loaders }) => provenanceOfAll(loaders, figures.sourceIds),
};
