import { AdministrativeUnit, UnitSuccession } from './administrative-unit.ts';
import { Agency } from './agency.ts';
import { PublicService } from './public-service.ts';
import { ServiceField } from './service-field.ts';
import { ServiceOffering } from './service-offering.ts';

export { AdministrativeUnit, Agency, PublicService, ServiceField, ServiceOffering, UnitSuccession };
export const entities = [
  AdministrativeUnit,
  UnitSuccession,
  Agency,
  ServiceField,
  PublicService,
  ServiceOffering,
];
