import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { ADMINISTRATIVE_LEVELS } from './administrative-unit.ts';
import { Agency } from './agency.ts';
import { ServiceField } from './service-field.ts';

export const ONLINE_LEVELS = ['INFORMATION', 'PARTIAL', 'FULL'] as const;
export const DATA_INTEGRATIONS = ['POPULATION_DB', 'SOCIAL_INSURANCE', 'POLICE', 'TAX'] as const;

/** A public service: one administrative procedure of the national catalog. */
export const PublicService = defineEntity({
  name: 'PublicService',
  tableName: 'public_service',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    code: p.string().unique(),
    nameVi: p.text(),
    nameEn: p.text().nullable(),
    field: () => p.manyToOne(ServiceField),
    agency: () => p.manyToOne(Agency),
    onlineLevel: p.enum(ONLINE_LEVELS),
    legacyOnlineLevel: p.smallint().nullable(),
    levels: p.array<(typeof ADMINISTRATIVE_LEVELS)[number]>().default([]),
    audiences: p.array<'CITIZEN' | 'BUSINESS'>().default([]),
    processingTime: p.text().nullable(),
    /** Working days from a complete dossier to the result; 0 means the same day. */
    processingDays: p.smallint().nullable(),
    feeVnd: p.integer().nullable(),
    feeNote: p.text().nullable(),
    legalBasis: p.array().default([]),
    /** National databases the procedure exchanges data with (population, social insurance, police, tax). */
    integrations: p.array<(typeof DATA_INTEGRATIONS)[number]>().default([]),
    illustrativeAttributes: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type PublicService = InferEntity<typeof PublicService>;
