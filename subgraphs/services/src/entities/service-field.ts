import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';

/** A field of competence (lĩnh vực), e.g. justice, with sub-fields such as civil status. */
export const ServiceField = defineEntity({
  name: 'ServiceField',
  tableName: 'service_field',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'service_field')],
  properties: {
    code: p.string().primary(),
    nameVi: p.string(),
    nameEn: p.string().nullable(),
    parent: () => p.manyToOne(ServiceField).nullable(),
  },
});
export type ServiceField = InferEntity<typeof ServiceField>;
