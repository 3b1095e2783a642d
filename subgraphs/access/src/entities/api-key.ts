import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumValues } from '../schema.ts';

/** An API key: only its SHA-256 hash is stored; the key itself is shown once, when it is issued. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  // Newest first: how keys are listed.
  indexes: [{ name: 'api_key_created_at_index', columns: [{ name: 'createdAt', sort: 'desc' }] }],
  properties: {
    id: p.string().length(64).primary(),
    secretHash: p.text(),
    owner: p.text(),
    role: p.enum(enumValues('Role')),
    scopes: p.array().default([]),
    partnerCode: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    createdBy: p.text(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
