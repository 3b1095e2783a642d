import type { SatisfactionResolvers } from '../generated/resolvers-types.ts';
import { provenanceOfAll } from '../provenance.ts';

export const Satisfaction: SatisfactionResolvers = {
  provenance: (figures, _, { loaders }) => provenanceOfAll(loaders, figures.sourceIds),
};
