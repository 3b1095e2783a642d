import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger, searchIndex } from '@motcua/db';
import type { ContactPoint } from '../generated/resolvers-types.ts';
import { enumValues } from '../schema.ts';
import { AdministrativeUnit } from './administrative-unit.ts';

/** A public organisation that decides on or handles dossiers (CPSV-AP: PublicOrganisation). */
export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'agency')],
  indexes: [searchIndex('agency_name_search', 'name_vi')],
  properties: {
    code: p.string().primary(),
    nameVi: p.string(),
    nameEn: p.string().nullable(),
    level: p.enum(enumValues('AdministrativeLevel')),
    unit: () => p.manyToOne(AdministrativeUnit).nullable(),
    parent: () => p.manyToOne(Agency).nullable(),
    contactPoints: p.json<ContactPoint[]>().default([]),
    illustrativeAttributes: p.array().default([]),
  },
});
export type Agency = InferEntity<typeof Agency>;
