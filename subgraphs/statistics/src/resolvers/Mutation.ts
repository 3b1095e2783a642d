import { importFigures } from '../figures-import/import-figures.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  importDossierFigures: (_, { source, rows }, { em, caller, peers }) =>
    importFigures(em, source, rows, caller.subject ?? caller.role, peers),
};
