import { breakdownCsv, seriesCsv } from '../exports.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { checkProvince, checkRange } from '../periods.ts';
import { serviceIndexOf, serviceIndexRanking } from '../service-index/scores.ts';
import { usageBreakdown, usageRanking, usageSeries } from '../sql/analysis.ts';
import { cubePage } from '../sql/cube.ts';
import { allProgrammes } from '../sql/programmes.ts';
import { figureRevisions } from '../sql/revisions.ts';
import { criteriaSets, datasetRevisions } from '../sql/service-index-criteria.ts';
import { emptyUsage, usageByKeys } from '../sql/usage.ts';

export const Query: QueryResolvers = {
  usage: async (_, { asOf, ...range }, { em }) => {
    const vintage = { ...checkRange(range), asOf };
    return (await usageByKeys(em, 'all', ['all'], vintage)).get('all') ?? emptyUsage(vintage);
  },
  usageSeries: (_, { granularity, from, to, ...filters }, { em }) =>
    usageSeries(em, granularity, checkRange({ from, to }), filters),
  usageSeriesCsv: async (_, { granularity, from, to, ...filters }, { em, loaders, peers }) =>
    seriesCsv(await usageSeries(em, granularity, checkRange({ from, to }), filters), filters, {
      loaders,
      peers,
    }),
  usageBreakdown: (_, { by, from, to, ...filters }, { em }) =>
    usageBreakdown(em, by, checkRange({ from, to }), filters),
  usageBreakdownCsv: async (_, { by, from, to, ...filters }, { em, loaders, peers }) =>
    breakdownCsv(by, await usageBreakdown(em, by, checkRange({ from, to }), filters), { loaders, peers }),
  usageRanking: (_, { metric, level, period, within, first, asOf }, { em }) =>
    usageRanking(
      em,
      metric,
      level ?? 'COMMUNE',
      period,
      Math.min(Math.max(first ?? 10, 1), 500),
      within ? checkProvince(within) : null,
      asOf ?? null,
    ),
  usageCube: (_, { first, after, ...spec }, { em }) => cubePage(em, spec, { first, after }),
  dossierFigureRevisions: (_, key, { em }) => figureRevisions(em, key),
  reformProgrammes: (_, __, { em }) => allProgrammes(em),
  reformProgramme: (_, { code }, { loaders }) => loaders.programmeByCode.load(code),
  indicator: (_, { id }, { loaders }) => loaders.indicatorById.load(id),
  // The Decision 766 service index (index766).
  serviceIndex: (_, { unitCode, period, asOf }, { em }) => serviceIndexOf(em, unitCode, period, asOf),
  serviceIndexRanking: (_, { level, period, within, first, after, asOf }, { em }) =>
    serviceIndexRanking(em, {
      level: level ?? 'PROVINCE',
      period,
      within: within ? checkProvince(within) : null,
      first: first ?? 10,
      after: after ?? null,
      asOf: asOf ?? null,
    }),
  serviceIndexCriteria: (_, __, { em }) => criteriaSets(em),
  datasetRevisions: (_, { dataset, key }, { em }) => datasetRevisions(em, dataset, key),
};
