import { importFigures } from '../figures-import/import-figures.ts';
import { importSettings } from '../figures-import/import-settings.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  importDossierFigures: (_, { source, rows, mode }, { em, caller, peers }) =>
    importFigures(em, rows, {
      sourceId: source,
      mode: mode ?? 'MERGE',
      importedBy: caller.subject ?? caller.role,
      peers,
      maxRows: importSettings.maxGraphqlRows,
    }),
};
