import { scalarResolvers } from '@motcua/shared-sdl';
import { stringify } from 'csv-stringify/sync';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ReformProgramme as ProgrammeEntity } from '../entities/index.ts';
import { importFigures } from '../figures-import/import-figures.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { usageBreakdown, usageRanking, usageSeries } from '../loaders/analysis.ts';
import { checkRange } from '../loaders/periods.ts';
import { emptyUsage, usageByKeys } from '../loaders/usage.ts';
import { Campaign } from './campaign.ts';
import { Indicator, IndicatorValue, provenanceOfAll, ReformProgramme } from './programmes.ts';

/** Rows as CSV with a header, numbers as they are (rates 0 to 1), for spreadsheets. */
const toCsv = (rows: Record<string, unknown>[], columns: string[]) =>
  stringify(rows, { header: true, columns, cast: { boolean: (value) => (value ? 'true' : 'false') } });

const SERIES_COLUMNS = [
  'period',
  'received',
  'receivedOnline',
  'onlineRate',
  'resolvedOnTime',
  'resolvedLate',
  'onTimeRate',
  'pending',
  'rejected',
  'approximate',
  'illustrative',
];
const SHARE_COLUMNS = [
  'key',
  'received',
  'receivedOnline',
  'onlineRate',
  'onTimeRate',
  'share',
  'approximate',
];

export const resolvers: Resolvers = {
  ...scalarResolvers,
  JSONObject: GraphQLJSONObject,
  Query: {
    usage: async (_, range, { em }) =>
      (await usageByKeys(em, 'all', ['all'], checkRange(range))).get('all') ?? emptyUsage(range),
    usageSeries: (_, { granularity, from, to, ...filters }, { em }) =>
      usageSeries(em, granularity, checkRange({ from, to }), filters),
    usageSeriesCsv: async (_, { granularity, from, to, ...filters }, { em }) =>
      toCsv(await usageSeries(em, granularity, checkRange({ from, to }), filters), SERIES_COLUMNS),
    usageBreakdown: (_, { by, from, to, ...filters }, { em }) =>
      usageBreakdown(em, by, checkRange({ from, to }), filters),
    usageBreakdownCsv: async (_, { by, from, to, ...filters }, { em }) =>
      toCsv(await usageBreakdown(em, by, checkRange({ from, to }), filters), SHARE_COLUMNS),
    usageRanking: (_, { metric, level, period, first }, { em }) =>
      usageRanking(em, metric, level ?? 'COMMUNE', period, Math.min(Math.max(first ?? 10, 1), 100)),
    dossierFigureRevisions: (_, { serviceCode, unitCode, month, channel }, { em }) =>
      em.execute(
        `select r.batch_id as "batchId", r.revised_at as "revisedAt", r.previous, r.current
         from statistics.figure_revision r join statistics.dossier_figure f on f.id = r.figure_id
         where f.service_code = ? and f.unit_code = ? and f.month = to_date(?, 'YYYY-MM') and f.channel = ?
         order by r.id`,
        [serviceCode, unitCode, month, channel],
      ),
    reformProgrammes: (_, __, { em }) => em.find(ProgrammeEntity, {}, { orderBy: { code: 'asc' } }),
    reformProgramme: (_, { code }, { loaders }) => loaders.programmeByCode.load(code),
    indicator: (_, { id }, { loaders }) => loaders.indicatorById.load(id),
  },
  Mutation: {
    importDossierFigures: (_, { source, rows }, { em, caller, peers }) =>
      importFigures(em, source, rows, caller.subject ?? caller.role, peers),
  },
  PublicService: {
    __resolveReference: (reference) => reference,
    usage: ({ code }, range, { loaders }) =>
      loaders.serviceUsage.load({ parent: code, args: checkRange(range) }),
  },
  AdministrativeUnit: {
    __resolveReference: (reference) => reference,
    usage: ({ code }, range, { loaders }) =>
      loaders.unitUsage.load({ parent: code, args: checkRange(range) }),
    satisfaction: ({ code }, range, { loaders }) =>
      loaders.unitSatisfaction.load({ parent: code, args: checkRange(range) }),
  },
  Usage: { provenance: (usage, _, { loaders }) => provenanceOfAll(loaders, usage.sourceIds) },
  UsagePoint: { provenance: (point, _, { loaders }) => provenanceOfAll(loaders, point.sourceIds) },
  UsageShare: { provenance: (share, _, { loaders }) => provenanceOfAll(loaders, share.sourceIds) },
  Satisfaction: {
    provenance: (satisfaction, _, { loaders }) => provenanceOfAll(loaders, satisfaction.sourceIds),
  },
  Campaign,
  ReformProgramme,
  Indicator,
  IndicatorValue,
};
