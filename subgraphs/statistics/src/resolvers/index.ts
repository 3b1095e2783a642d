import { scalarResolvers } from '@motcua/graphql-kit';
import { stringify } from 'csv-stringify/sync';
import { ReformProgramme as ProgrammeEntity } from '../entities/index.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { usageBreakdown, usageRanking, usageSeries } from '../loaders/analysis.ts';
import { checkRange } from '../loaders/periods.ts';
import { emptyUsage, usageByKeys } from '../loaders/usage.ts';
import { Campaign } from './campaign.ts';
import { Indicator, IndicatorValue, ReformProgramme } from './programmes.ts';

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
    reformProgrammes: (_, __, { em }) => em.find(ProgrammeEntity, {}, { orderBy: { code: 'asc' } }),
    reformProgramme: (_, { code }, { loaders }) => loaders.programmeByCode.load(code),
    indicator: (_, { id }, { loaders }) => loaders.indicatorById.load(id),
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
  },
  Campaign,
  ReformProgramme,
  Indicator,
  IndicatorValue,
};
