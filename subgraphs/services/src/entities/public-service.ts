import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import type {
  AdministrativeLevel,
  Audience,
  DataIntegration,
  Fee,
  RequiredDocument,
  ServiceChannel,
} from '../generated/resolvers-types.ts';
import { enumValues } from '../schema.ts';
import { Agency } from './agency.ts';
import type { StoredRequirement } from './service-event.ts';
import { ServiceField } from './service-field.ts';

/** A public service: one administrative procedure of the national catalog (CPSV-AP: PublicService). */
export const PublicService = defineEntity({
  name: 'PublicService',
  tableName: 'public_service',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'public_service')],
  indexes: [
    // Over the stored unaccented name: a search reads it instead of unaccenting every candidate's name again.
    {
      name: 'public_service_name_search',
      expression:
        'create index "public_service_name_search" on "services"."public_service" using gin ("name_search" gin_trgm_ops)',
    },
    // Over the weighted full-text document of everything a service page says (see migration 0005).
    {
      name: 'public_service_search_document',
      expression:
        'create index "public_service_search_document" on "services"."public_service" using gin ("search_document")',
    },
    {
      name: 'public_service_implementing_agency_codes_index',
      properties: ['implementingAgencyCodes'],
      type: 'gin',
    },
  ],
  checks: [{ name: 'public_service_code_format', expression: `"code" ~ '^[0-9]\\.[0-9]{6}$'` }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    code: p.string().unique(),
    nameVi: p.text(),
    nameEn: p.text().nullable(),
    /** The name as search sees it (lower case, no diacritics), kept by PostgreSQL beside the name. */
    nameSearch: p.text().generated('(services.search_text(name_vi)) stored').nullable(),
    /**
     * Name and English name (weight A), output (B), description (C) and documents (D), unaccented, as one
     * full-text document kept by PostgreSQL; never loaded with the entity.
     */
    searchDocument: p
      .type('tsvector')
      .generated(
        '(services.search_document(name_vi, name_en, output_vi, output_en, description_vi, documents)) stored',
      )
      .nullable()
      .lazy(),
    descriptionVi: p.text().nullable(),
    descriptionEn: p.text().nullable(),
    field: () => p.manyToOne(ServiceField).index(),
    competentAgency: () => p.manyToOne(Agency),
    /** Codes of the agencies that receive and handle the dossier (an array: read and written as a whole). */
    implementingAgencyCodes: p.array().default([]),
    onlineLevel: p.enum(enumValues('OnlineLevel')),
    legacyOnlineLevel: p.smallint().nullable(),
    levels: p.array<AdministrativeLevel>().default([]),
    channels: p.json<ServiceChannel[]>().default([]),
    processingTime: p.text().nullable(),
    /** Working days from a complete dossier to the result; 0 means the same day. */
    processingDays: p.smallint().nullable(),
    fees: p.json<Fee[]>().default([]),
    /** Who may apply and the conditions to meet, apart from the documents. */
    requirements: p.json<StoredRequirement[]>().default([]),
    documents: p.json<RequiredDocument[]>().default([]),
    outputVi: p.text().nullable(),
    outputEn: p.text().nullable(),
    legalBasis: p.array().default([]),
    audiences: p.array<Audience>().default([]),
    /** National databases the procedure exchanges data with (population, social insurance, police, tax…). */
    integrations: p.array<DataIntegration>().default([]),
    status: p.enum(enumValues('ServiceStatus')).default('ACTIVE'),
    effectiveFrom: p.date().nullable(),
    effectiveTo: p.date().nullable(),
    officialUrl: p.text().nullable(),
    illustrativeAttributes: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PublicService = InferEntity<typeof PublicService>;
