import type {
  AgencyResolvers,
  PublicServiceResolvers,
  ServiceFieldResolvers,
} from '../generated/resolvers-types.ts';
import { localized } from './localized.ts';

export const PublicService: PublicServiceResolvers = {
  __resolveReference: (reference, { loaders }) =>
    'id' in reference ? loaders.serviceById.load(reference.id) : loaders.serviceByCode.load(reference.code),
  name: (service, { language }) => localized(service, language),
  field: async (service, _, { loaders }) =>
    (await loaders.fieldByCode.load(service.field.code)) ?? service.field,
  agency: async (service, _, { loaders }) =>
    (await loaders.agencyByCode.load(service.agency.code)) ?? service.agency,
};

export const ServiceField: ServiceFieldResolvers = {
  name: (field, { language }) => localized(field, language),
  parent: (field, _, { loaders }) => (field.parent ? loaders.fieldByCode.load(field.parent.code) : null),
};

export const Agency: AgencyResolvers = {
  name: (agency, { language }) => localized(agency, language),
  unit: (agency, _, { loaders }) => (agency.unit ? loaders.unitByCode.load(agency.unit.code) : null),
};
