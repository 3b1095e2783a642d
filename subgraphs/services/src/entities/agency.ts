import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ADMINISTRATIVE_LEVELS, AdministrativeUnit } from './administrative-unit.ts';

/** A public organisation that receives and handles dossiers (e.g. a commune People's Committee). */
export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  properties: {
    code: p.string().primary(),
    nameVi: p.string(),
    nameEn: p.string().nullable(),
    level: p.enum(ADMINISTRATIVE_LEVELS),
    unit: () => p.manyToOne(AdministrativeUnit).nullable(),
  },
});
export type Agency = InferEntity<typeof Agency>;
