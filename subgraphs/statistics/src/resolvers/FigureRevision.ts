import type { FigureRevisionResolvers } from '../generated/resolvers-types.ts';

export const FigureRevision: FigureRevisionResolvers = {
  batchId: (revision) => revision.batch.id,
};
