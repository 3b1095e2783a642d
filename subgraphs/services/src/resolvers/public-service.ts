import { badUserInput } from '@motcua/errors';
import { toPage } from '@motcua/paging';
import type { Agency as AgencyEntity } from '../entities/index.ts';
import type {
  AgencyResolvers,
  PublicServiceResolvers,
  ServiceFieldResolvers,
  ServiceOfferingResolvers,
} from '../generated/resolvers-types.ts';
import { checkUnitCode } from './administrative-unit.ts';
import { inLanguage } from './in-language.ts';

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
      (agency): agency is AgencyEntity => agency !== null && !(agency instanceof Error),
    ),
  offerings: (service, { parentCode, ...args }, { loaders }) =>
    loaders.offerings.load({
      parent: service.id,
      args: { page: toPage(args, 1, 50), parentCode: parentCode ? checkUnitCode(parentCode) : null },
    }),
  coverage: async (service, { parentCode }, { loaders }) => {
    const coverage = await loaders.coverage.load({
      parent: service.id,
      args: checkUnitCode(parentCode ?? '01'),
    });
    if (coverage.units === 0)
      throw badUserInput(`Unit ${parentCode} has no units under it in force`, { argumentName: 'parentCode' });
    return coverage;
  },
};

export const ServiceOffering: ServiceOfferingResolvers = {
  unit: async (offering, _, { loaders }) =>
    (await loaders.unitByCode.load(offering.unit.code)) ?? offering.unit,
};

export const ServiceField: ServiceFieldResolvers = {
  name: (field, { language }) => inLanguage(language, field.nameVi, field.nameEn),
  parent: (field, _, { loaders }) => (field.parent ? loaders.fieldByCode.load(field.parent.code) : null),
  children: (field, _, { loaders }) => loaders.fieldChildren.load(field.code),
};

export const Agency: AgencyResolvers = {
  name: (agency, { language }) => inLanguage(language, agency.nameVi, agency.nameEn),
  unit: (agency, _, { loaders }) => (agency.unit ? loaders.unitByCode.load(agency.unit.code) : null),
  parent: (agency, _, { loaders }) => (agency.parent ? loaders.agencyByCode.load(agency.parent.code) : null),
};
