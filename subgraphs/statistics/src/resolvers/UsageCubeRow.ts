import type { UsageCubeRowResolvers } from '../generated/resolvers-types.ts';
import { provenanceOfAll } from '../provenance.ts';

export const UsageCubeRow: UsageCubeRowResolvers = {
  unit: (row) => (row.unitCode ? { code: row.unitCode } : null),
  province: (row) => (row.provinceCode ? { code: row.provinceCode } : null),
  service: (row) => (row.serviceCode ? { code: row.serviceCode } : null),
  importBatchIds: (row) => row.batchIds,
  provenance: (row, _, { loaders }) => provenanceOfAll(loaders, row.sourceIds),
};
