import { badUserInput } from '@motcua/errors';
import { toPage } from '@motcua/paging';
import { inLanguage } from '@motcua/shared-sdl';
import type { Agency } from '../entities/index.ts';
import type { PublicServiceResolvers } from '../generated/resolvers-types.ts';
import { checkUnitCode } from '../units.ts';

export const PublicService: PublicServiceResolvers = {
  __resolveReference: (reference, { loaders }) =>
    'id' in reference ? loaders.serviceById.load(reference.id) : loaders.serviceByCode.load(reference.code),
  name: (service, { language }) => inLanguage(language, service.nameVi, service.nameEn),
  description: (service, { language }) => inLanguage(language, service.descriptionVi, service.descriptionEn),
  output: (service, { language }) => inLanguage(language, service.outputVi, service.outputEn),
  field: async (service, _, { loaders }) =>
    (await loaders.fieldByCode.load(service.field.code)) ?? service.field,
  competentAgency: async (service, _, { loaders }) =>
    (await loaders.agencyByCode.load(service.competentAgency.code)) ?? service.competentAgency,
  implementingAgencies: async (service, _, { loaders }) =>
    (await loaders.agencyByCode.loadMany(service.implementingAgencyCodes)).filter(
      (agency): agency is Agency => agency !== null && !(agency instanceof Error),
    ),
  offerings: (service, { parentCode, ...args }, { loaders }) =>
    loaders.offerings.load({
      parent: service.id,
      args: {
        page: toPage(args, ['text'], 50),
        parentCode: parentCode ? checkUnitCode(parentCode, 'parentCode') : null,
      },
    }),
  coverage: async (service, { parentCode }, { loaders }) => {
    const coverage = await loaders.coverage.load({
      parent: service.id,
      args: checkUnitCode(parentCode ?? '01', 'parentCode'),
    });
    if (coverage.units === 0)
      throw badUserInput(`Unit ${parentCode} has no units under it in force`, { argumentName: 'parentCode' });
    return coverage;
  },
};
