import { todayIso } from '@motcua/inputs';
import { inLanguage } from '@motcua/shared-sdl';
import type { IndicatorResolvers } from '../generated/resolvers-types.ts';
import { statusOf } from '../programmes/indicator-statuses.ts';
import { loadProvenance } from '../provenance.ts';

export const Indicator: IndicatorResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.indicatorById.load(id),
  programme: async (indicator, _, { loaders }) =>
    (await loaders.programmeByCode.load(indicator.programme.code)) ?? indicator.programme,
  name: (indicator, { language }) => inLanguage(language, indicator.nameVi, indicator.nameEn),
  values: (indicator, _, { loaders }) => loaders.valuesOf.load(indicator.id),
  status: (indicator, { asOf }, { loaders }) => statusOf(loaders, indicator, asOf ?? todayIso()),
  provenance: (indicator, _, { loaders }) => loadProvenance(loaders, indicator.source.id),
};
