import { todayIso } from '@motcua/inputs';
import type { ReformProgrammeResolvers } from '../generated/resolvers-types.ts';
import { statusOf } from '../programmes/indicator-statuses.ts';
import { loadProvenance } from '../provenance.ts';

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
