import type {
  Agency as AgencyEntity,
  ServiceField as Field,
  PublicService as Service,
} from '../entities/index.ts';
import type { ServicesContext } from '../loaders/index.ts';
import { localized } from './localized.ts';

type Language = { language?: 'VI' | 'EN' };

export const PublicService = {
  __resolveReference: (reference: { id?: string; code?: string }, { loaders }: ServicesContext) =>
    reference.id !== undefined
      ? loaders.serviceById.load(reference.id)
      : loaders.serviceByCode.load(reference.code ?? ''),
  name: (service: Service, { language }: Language) => localized(service, language),
  field: (service: Service, _: unknown, { loaders }: ServicesContext) =>
    loaders.fieldByCode.load(service.field.code),
  agency: (service: Service, _: unknown, { loaders }: ServicesContext) =>
    loaders.agencyByCode.load(service.agency.code),
};

export const ServiceField = {
  name: (field: Field, { language }: Language) => localized(field, language),
  parent: (field: Field, _: unknown, { loaders }: ServicesContext) =>
    field.parent ? loaders.fieldByCode.load(field.parent.code) : null,
};

export const Agency = {
  name: (agency: AgencyEntity, { language }: Language) => localized(agency, language),
  unit: (agency: AgencyEntity, _: unknown, { loaders }: ServicesContext) =>
    agency.unit ? loaders.unitByCode.load(agency.unit.code) : null,
};
