import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';
import { PublicService } from './public-service.ts';

/**
 * A life or business event (CPSV-AP 3.2: Event, LifeEvent, BusinessEvent; the EU life-event list): a moment that
 * needs several services, which it lists in order as its steps.
 */
export const ServiceEvent = defineEntity({
  name: 'ServiceEvent',
  tableName: 'service_event',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'service_event')],
  properties: {
    code: p.string().primary(),
    kind: p.enum(enumValues('EventKind')),
    nameVi: p.text(),
    nameEn: p.text().nullable(),
    descriptionVi: p.text().nullable(),
    descriptionEn: p.text().nullable(),
    /** Where it comes in lists of its kind. */
    position: p.smallint(),
    illustrativeAttributes: p.array().default([]),
  },
});
export type ServiceEvent = InferEntity<typeof ServiceEvent>;

/** One service of an event, in its place; steps sharing a `choice` are alternatives (one of them is needed). */
export const EventStep = defineEntity({
  name: 'EventStep',
  tableName: 'event_step',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'event_step')],
  properties: {
    event: () => p.manyToOne(ServiceEvent).primary().deleteRule('cascade'),
    service: () => p.manyToOne(PublicService).primary().index().deleteRule('cascade'),
    position: p.smallint(),
    optional: p.boolean().default(false),
    choice: p.text().nullable(),
    noteVi: p.text().nullable(),
    noteEn: p.text().nullable(),
  },
});
export type EventStep = InferEntity<typeof EventStep>;

/** Requirements as stored: `kind` and the text in each language. */
export type StoredRequirement = { kind: 'ELIGIBILITY' | 'CONDITION'; textVi: string; textEn?: string | null };
/** Channels as stored (see `PublicService.channels`). */
type StoredChannel = {
  kind: string;
  description?: string | null;
  processingTime?: string | null;
  processingDays?: number | null;
};

/**
 * A joined-up procedure (liên thông, Decree 63/2024/NĐ-CP, Decision 296/QĐ-VPCP): one dossier for several
 * services and agencies, with a code, time, online level and channels of its own.
 */
export const ServiceBundle = defineEntity({
  name: 'ServiceBundle',
  tableName: 'service_bundle',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'service_bundle')],
  properties: {
    code: p.string().primary(),
    nameVi: p.text(),
    nameEn: p.text().nullable(),
    descriptionVi: p.text().nullable(),
    descriptionEn: p.text().nullable(),
    /** Agencies in the order the dossier goes through them (read and written as a whole). */
    agencyCodes: p.array().default([]),
    processingTime: p.text().nullable(),
    processingDays: p.smallint().nullable(),
    onlineLevel: p.enum(enumValues('OnlineLevel')),
    channels: p.json<StoredChannel[]>().default([]),
    requirements: p.json<StoredRequirement[]>().default([]),
    legalBasis: p.array().default([]),
    event: () => p.manyToOne(ServiceEvent).nullable().index().deleteRule('set null'),
    officialUrl: p.text().nullable(),
    illustrativeAttributes: p.array().default([]),
  },
});
export type ServiceBundle = InferEntity<typeof ServiceBundle>;

/** A member service of a joined-up procedure, in its place. */
export const BundleMember = defineEntity({
  name: 'BundleMember',
  tableName: 'bundle_member',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'bundle_member')],
  properties: {
    bundle: () => p.manyToOne(ServiceBundle).primary().deleteRule('cascade'),
    service: () => p.manyToOne(PublicService).primary().index().deleteRule('cascade'),
    position: p.smallint(),
  },
});
export type BundleMember = InferEntity<typeof BundleMember>;
