import { todayIso } from '@motcua/inputs';
import type { DataSource, Indicator as IndicatorEntity } from '../entities/index.ts';
import type {
  IndicatorResolvers,
  ReformProgrammeResolvers,
  Resolvers,
} from '../generated/resolvers-types.ts';
import type { StatisticsLoaders } from '../loaders/index.ts';
import { indicatorStatus } from '../programmes/indicator-status.ts';

export const provenanceOf = (source: DataSource) => ({
  source: source.name,
  publisher: source.publisher,
  methodology: source.methodology ?? null,
  url: source.url ?? null,
  publishedAt: source.publishedAt ?? null,
  updatedAt: source.updatedAt,
  illustrative: source.illustrative,
});

async function loadProvenance(loaders: StatisticsLoaders, sourceId: string) {
  const source = await loaders.sourceById.load(sourceId);
  if (!source) throw new Error(`Data source ${sourceId} is missing`);
  return provenanceOf(source);
}

async function statusOf(loaders: StatisticsLoaders, indicator: IndicatorEntity, asOf: string) {
  const [values, programme] = await Promise.all([
    loaders.valuesOf.load(indicator.id),
    loaders.programmeByCode.load(indicator.programme.code),
  ]);
  return indicatorStatus(indicator, values, programme?.periodStart ?? indicator.targetDate, asOf);
}

const SUMMARY_KEYS = {
  MET_EARLY: 'metEarly',
  MET: 'met',
  ON_TRACK: 'onTrack',
  EXPECTED: 'expected',
  AT_RISK: 'atRisk',
  MISSED: 'missed',
} as const;

export const ReformProgramme: ReformProgrammeResolvers = {
  unit: (programme) => ({ code: programme.unitCode }),
  indicators: (programme, _, { loaders }) => loaders.indicatorsOf.load(programme.code),
  indicatorSummary: async (programme, { asOf }, { loaders }) => {
    const indicators = await loaders.indicatorsOf.load(programme.code);
    const summary = {
      total: indicators.length,
      metEarly: 0,
      met: 0,
      onTrack: 0,
      expected: 0,
      atRisk: 0,
      missed: 0,
    };
    for (const status of await Promise.all(
      indicators.map((indicator) => statusOf(loaders, indicator, asOf ?? todayIso())),
    )) {
      summary[SUMMARY_KEYS[status]] += 1;
    }
    return summary;
  },
  schemes: (programme, _, { loaders }) => loaders.schemesOf.load(programme.code),
  schemesCompleted: async (programme, _, { loaders }) =>
    (await loaders.schemesOf.load(programme.code)).filter((scheme) => scheme.completedOn).length,
  provenance: (programme, _, { loaders }) => loadProvenance(loaders, programme.source.id),
};

export const Indicator: IndicatorResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.indicatorById.load(id),
  programme: async (indicator, _, { loaders }) =>
    (await loaders.programmeByCode.load(indicator.programme.code)) ?? indicator.programme,
  name: (indicator, { language }) =>
    language === 'EN' ? (indicator.nameEn ?? indicator.nameVi) : indicator.nameVi,
  values: (indicator, _, { loaders }) => loaders.valuesOf.load(indicator.id),
  status: (indicator, { asOf }, { loaders }) => statusOf(loaders, indicator, asOf ?? todayIso()),
  provenance: (indicator, _, { loaders }) => loadProvenance(loaders, indicator.source.id),
};

export const IndicatorValue: Resolvers['IndicatorValue'] = {
  provenance: (value, _, { loaders }) => loadProvenance(loaders, value.source.id),
};

/** The provenance of every data source a figure was added up from. */
export async function provenanceOfAll(loaders: StatisticsLoaders, sourceIds: string[]) {
  return Promise.all(sourceIds.map((id) => loadProvenance(loaders, id)));
}
