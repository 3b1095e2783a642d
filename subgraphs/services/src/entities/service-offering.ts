import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';
import { AdministrativeUnit } from './administrative-unit.ts';
import { PublicService } from './public-service.ts';

/** Where a service is offered, and how far online it is there ("100 % of communes offer it online"). */
export const ServiceOffering = defineEntity({
  name: 'ServiceOffering',
  tableName: 'service_offering',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'service_offering')],
  properties: {
    service: () => p.manyToOne(PublicService).primary().deleteRule('cascade'),
    unit: () => p.manyToOne(AdministrativeUnit).primary().index(),
    onlineLevel: p.enum(enumValues('OnlineLevel')),
  },
});
export type ServiceOffering = InferEntity<typeof ServiceOffering>;
