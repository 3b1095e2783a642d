import type { DatasetRevisionResolvers } from '../generated/resolvers-types.ts';

export const DatasetRevision: DatasetRevisionResolvers = {
  batchId: (revision) => revision.batch.id,
  // The batch is loaded with the revisions (see sql/service-index-criteria.ts).
  mode: (revision) => revision.batch.mode,
  changed: ({ previous, current }) =>
    Object.keys(current).filter(
      (column) => JSON.stringify(previous[column]) !== JSON.stringify(current[column]),
    ),
};
