import { importDatasetRows } from '../figures-import/dataset-import.ts';
import { DATASETS } from '../figures-import/datasets.ts';
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
  // The inputs of the Decision 766 service index, surveys and indicator values (index766).
  importServiceIndexInputs: (_, { source, rows, mode }, { em, caller }) =>
    importDatasetRows(em, DATASETS.SERVICE_INDEX_INPUTS, rows, {
      sourceId: source,
      mode: mode ?? 'MERGE',
      importedBy: caller.subject ?? caller.role,
    }),
  importSatisfactionSurveys: (_, { source, rows, mode }, { em, caller }) =>
    importDatasetRows(em, DATASETS.SATISFACTION_SURVEYS, rows, {
      sourceId: source,
      mode: mode ?? 'MERGE',
      importedBy: caller.subject ?? caller.role,
    }),
  importIndicatorValues: (_, { source, rows, mode }, { em, caller }) =>
    importDatasetRows(em, DATASETS.INDICATOR_VALUES, rows, {
      sourceId: source,
      mode: mode ?? 'MERGE',
      importedBy: caller.subject ?? caller.role,
    }),
};
