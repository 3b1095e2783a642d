import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumValues } from '../schema.ts';

/** A signing secret of an endpoint; several are valid at once while one is rotated. */
export type WebhookSecret = { secret: string; createdAt: string; expiresAt: string | null };

/** Where a media partner receives pushes (Standard Webhooks), with its signing secrets. */
export const WebhookEndpoint = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  indexes: [{ name: 'webhook_endpoint_partner_code_index', properties: ['partnerCode'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    partnerCode: p.string(),
    url: p.text(),
    description: p.text().nullable(),
    status: p.enum(enumValues('WebhookEndpointStatus')),
    statusReason: p.text().nullable(),
    secrets: p.json<WebhookSecret[]>(),
    /** The feed's sequence number after which the endpoint receives changes (where the partner switched). */
    startAfterSeq: p.bigint('number').default(0),
    createdBy: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type WebhookEndpoint = InferEntity<typeof WebhookEndpoint>;

/**
 * The outbox: one row per change of the feed's log and endpoint, written in the transaction that logs the change
 * (or that registers, resumes or replays the endpoint), so a crash can neither lose nor invent a delivery.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  uniques: [{ name: 'webhook_delivery_endpoint_change_unique', properties: ['endpointId', 'changeSeq'] }],
  indexes: [
    // Each endpoint's next delivery, in feed order (the worker's claim).
    {
      name: 'webhook_delivery_pending_index',
      properties: ['endpointId', 'changeSeq'],
      where: `status = 'PENDING'`,
    },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    endpointId: p.uuid(),
    changeSeq: p.bigint('number'),
    status: p.enum(enumValues('WebhookDeliveryStatus')),
    /** Attempts since it was queued (or last replayed); the retry schedule counts these. */
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
    reason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;

/** One HTTP attempt of a delivery, as the endpoint answered it. */
export const WebhookAttempt = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  indexes: [{ name: 'webhook_attempt_delivery_id_index', properties: ['deliveryId', 'id'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    deliveryId: p.bigint('number'),
    at: p.datetime(),
    statusCode: p.integer().nullable(),
    durationMs: p.integer(),
    error: p.text().nullable(),
  },
});
export type WebhookAttempt = InferEntity<typeof WebhookAttempt>;
