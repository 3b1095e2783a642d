import { badUserInput, notFound } from '@motcua/errors';
import { boundedSearchWords, loadByKey, todayIso } from '@motcua/inputs';
import { MAX_PAGE_SIZE, toPage } from '@motcua/paging';
import type { QueryResolvers, ServiceOrder } from '../generated/resolvers-types.ts';
import { agencyPage } from '../sql/agencies.ts';
import { allBundles, eventsOfKind } from '../sql/events.ts';
import { allFields } from '../sql/fields.ts';
import { searchSuggestions, serviceFacets, servicePage } from '../sql/service-search.ts';
import { allSynonyms } from '../sql/synonyms.ts';
import { unitPage } from '../sql/units.ts';
import { checkUnitCode, loadUnit } from '../units.ts';

/**
 * What a services cursor holds: the sort key (relevance is a number; code and name are text) and the code. The
 * order is relevance when asked for, or by default when the search has words.
 */
const serviceCursor = (orderBy: ServiceOrder | null | undefined, search: string | null | undefined) =>
  orderBy === 'RELEVANCE' || (orderBy == null && boundedSearchWords(search).length > 0)
    ? (['number', 'text'] as const)
    : (['text', 'text'] as const);

export const Query: QueryResolvers = {
  service: (_, { id, code }, { loaders }) =>
    loadByKey(
      id,
      { name: 'code', value: code },
      { article: 'a service', missing: 'No public service' },
      { byId: loaders.serviceById, byOther: loaders.serviceByCode },
    ),

  services: (_, { filter, search, orderBy, ...args }, { em }) =>
    servicePage(em, filter, search, orderBy, toPage(args, serviceCursor(orderBy, search))),

  serviceFacets: (_, { filter, search }, { em }) => serviceFacets(em, filter, search),

  serviceFields: (_, __, { em }) => allFields(em),

  searchSuggestions: (_, { text, first }, { em }) => {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
      throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, {
        argumentName: 'first',
      });
    return searchSuggestions(em, text, first);
  },

  searchSynonyms: (_, __, { em }) => allSynonyms(em),

  lifeEvents: (_, __, { em }) => eventsOfKind(em, 'LIFE_EVENT'),

  businessEvents: (_, __, { em }) => eventsOfKind(em, 'BUSINESS_EVENT'),

  event: async (_, { code }, { loaders }) => {
    const event = await loaders.eventByCode.load(code);
    if (!event) throw notFound(`No life or business event has code ${code}`);
    return event;
  },

  serviceBundles: (_, __, { em }) => allBundles(em),

  serviceBundle: async (_, { code }, { loaders }) => {
    const bundle = await loaders.bundleByCode.load(code);
    if (!bundle) throw notFound(`No joined-up procedure has code ${code}`);
    return bundle;
  },

  agency: async (_, { code }, { loaders }) => {
    const agency = await loaders.agencyByCode.load(code);
    if (!agency) throw notFound(`No agency has code ${code}`);
    return agency;
  },

  agencies: (_, { level, unitCode, search, ...args }, { em }) =>
    agencyPage(
      em,
      { level, search, unitCode: unitCode ? checkUnitCode(unitCode, 'unitCode') : null },
      toPage(args, ['text'], 50),
    ),

  administrativeUnit: (_, { code, asOf }, context) => loadUnit(context, code, asOf),

  async administrativeUnits(_, { parentCode, level, search, asOf, ...args }, context) {
    const page = toPage(args, ['text'], 50);
    const day = asOf ?? todayIso();
    // The parent as it was on that day, so "01" with asOf 2024 lists the communes of the former Hà Nội.
    const parent = parentCode ? await loadUnit(context, parentCode, day) : null;
    return unitPage(context.em, { parentCode: parent?.code ?? null, level, search, day }, page);
  },
};
