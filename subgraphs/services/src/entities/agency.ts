import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { searchIndex } from '@motcua/db';
import { ADMINISTRATIVE_LEVELS, AdministrativeUnit } from './administrative-unit.ts';

export type ContactPoint = { kind: 'ADDRESS' | 'PHONE' | 'EMAIL' | 'WEBSITE'; value: string };

/** A public organisation that decides on or handles dossiers (CPSV-AP: PublicOrganisation). */
export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  indexes: [searchIndex('agency_name_search', 'name_vi')],
  properties: {
    code: p.string().primary(),
    nameVi: p.string(),
    nameEn: p.string().nullable(),
    level: p.enum(ADMINISTRATIVE_LEVELS),
    unit: () => p.manyToOne(AdministrativeUnit).nullable(),
    parent: () => p.manyToOne(Agency).nullable(),
    contactPoints: p.json<ContactPoint[]>().default([]),
    illustrativeAttributes: p.array().default([]),
  },
});
export type Agency = InferEntity<typeof Agency>;
