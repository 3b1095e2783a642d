import { VALUE_COLUMNS } from '../figures-import/figure-input.ts';
import type { FigureRevisionResolvers } from '../generated/resolvers-types.ts';

export const FigureRevision: FigureRevisionResolvers = {
  batchId: (revision) => revision.batch.id,
  // The batch is loaded with the revisions (see sql/revisions.ts).
  mode: (revision) => revision.batch.mode,
  changed: ({ previous, current }) =>
    VALUE_COLUMNS.filter((column) => JSON.stringify(previous[column]) !== JSON.stringify(current[column])),
};
