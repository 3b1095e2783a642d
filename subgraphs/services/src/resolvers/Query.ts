import { notFound } from '@motcua/errors';
import { loadByKey, todayIso } from '@motcua/inputs';
import { toPage } from '@motcua/paging';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { agencyPage } from '../sql/agencies.ts';
import { allFields } from '../sql/fields.ts';
import { serviceFacets, servicePage } from '../sql/service-search.ts';
import { unitPage } from '../sql/units.ts';
import { checkUnitCode, loadUnit } from '../units.ts';

export const Query: QueryResolvers = {
  service: (_, { id, code }, { loaders }) =>
    loadByKey(
      id,
      { name: 'code', value: code },
      { article: 'a service', missing: 'No public service' },
      { byId: loaders.serviceById, byOther: loaders.serviceByCode },
    ),

  services: (_, { filter, search, orderBy, ...args }, { em }) =>
    servicePage(em, filter, search, orderBy, toPage(args, 2)),

  serviceFacets: (_, { filter, search }, { em }) => serviceFacets(em, filter, search),

  serviceFields: (_, __, { em }) => allFields(em),

  agency: async (_, { code }, { loaders }) => {
    const agency = await loaders.agencyByCode.load(code);
    if (!agency) throw notFound(`No agency has code ${code}`);
    return agency;
  },

  agencies: (_, { level, unitCode, search, ...args }, { em }) =>
    agencyPage(
      em,
      { level, search, unitCode: unitCode ? checkUnitCode(unitCode, 'unitCode') : null },
      toPage(args, 1, 50),
    ),

  administrativeUnit: (_, { code, asOf }, context) => loadUnit(context, code, asOf),

  async administrativeUnits(_, { parentCode, level, search, asOf, ...args }, context) {
    const page = toPage(args, 1, 50);
    const day = asOf ?? todayIso();
    // The parent as it was on that day, so "01" with asOf 2024 lists the communes of the former Hà Nội.
    const parent = parentCode ? await loadUnit(context, parentCode, day) : null;
    return unitPage(context.em, { parentCode: parent?.code ?? null, level, search, day }, page);
  },
};
