import { AdministrativeUnit, UnitSuccession } from './administrative-unit.ts';
import { Agency } from './agency.ts';
import { PublicService } from './public-service.ts';
import { SearchSynonym } from './search-synonym.ts';
import { BundleMember, EventStep, ServiceBundle, ServiceEvent } from './service-event.ts';
import { ServiceField } from './service-field.ts';
import { ServiceOffering } from './service-offering.ts';

export {
  AdministrativeUnit,
  Agency,
  BundleMember,
  EventStep,
  PublicService,
  SearchSynonym,
  ServiceBundle,
  ServiceEvent,
  ServiceField,
  ServiceOffering,
  UnitSuccession,
};
export const entities = [
  AdministrativeUnit,
  UnitSuccession,
  Agency,
  ServiceField,
  PublicService,
  ServiceOffering,
  SearchSynonym,
  ServiceEvent,
  EventStep,
  ServiceBundle,
  BundleMember,
];
