import type { SqlEntityManager } from '@mikro-orm/sql';
import { notFound } from '@motcua/errors';
import { optionalText, parseInput, requiredText } from '@motcua/inputs';
import { type Caller, isStaffRole, ROLE_SCOPES, ROLES, type Scope } from '@motcua/roles';
import { z } from 'zod';
import { ApiKey } from '../entities/index.ts';
import { hashKey, idOfKey, keyMatches, newKey } from './key-secret.ts';

const STAFF_KEY_MAX_DAYS = 90;

const keyInput = z
  .object({
    owner: requiredText.max(200, 'must be at most 200 characters'),
    role: z.enum(ROLES.filter((role) => role !== 'PUBLIC') as [string, ...string[]], {
      error: 'must be a role other than PUBLIC',
    }),
    scopes: z.array(z.string()).nullish(),
    partnerCode: optionalText.pipe(
      z
        .string()
        .regex(/^[\w-]+$/, 'must be a partner code')
        .nullable(),
    ),
    expiresAt: z.coerce.date().nullish(),
  })
  .superRefine((input, ctx) => {
    const allowed: readonly string[] = ROLE_SCOPES[input.role as keyof typeof ROLE_SCOPES];
    for (const scope of input.scopes ?? []) {
      if (!allowed.includes(scope)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scopes'],
          message: `${scope} is not a scope of ${input.role} (${allowed.join(', ') || 'none'})`,
        });
      }
    }
    if ((input.role === 'PARTNER') !== Boolean(input.partnerCode)) {
      ctx.addIssue({ code: 'custom', path: ['partnerCode'], message: 'is required for PARTNER keys only' });
    }
    if (input.expiresAt && input.expiresAt <= new Date()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be in the future' });
    }
    // Staff sign in with tokens from the identity provider, which stop when a person leaves; a staff key (for a
    // script) must stop by itself too.
    if (isStaffRole(input.role)) {
      const latest = new Date(Date.now() + STAFF_KEY_MAX_DAYS * 86_400_000);
      if (!input.expiresAt || input.expiresAt > latest) {
        ctx.addIssue({
          code: 'custom',
          path: ['expiresAt'],
          message: `is required for ${input.role} keys, at most ${STAFF_KEY_MAX_DAYS} days ahead`,
        });
      }
    }
  });

/** Issues a key; the secret is in the answer only. */
export async function issueKey(em: SqlEntityManager, input: unknown, createdBy: string) {
  const fields = parseInput(keyInput, input, 'API key');
  const role = fields.role as Exclude<Caller['role'], 'PUBLIC'>;
  const { id, key } = newKey();
  const apiKey = em.create(ApiKey, {
    id,
    secretHash: hashKey(key),
    owner: fields.owner,
    role,
    scopes: fields.scopes ? [...new Set(fields.scopes)] : [...ROLE_SCOPES[role]],
    partnerCode: fields.partnerCode,
    createdBy,
    expiresAt: fields.expiresAt ?? null,
  });
  await em.flush();
  return { apiKey, secret: key };
}

export async function revokeKey(em: SqlEntityManager, id: string) {
  // From the primary: a key issued a moment ago may not be on a read replica yet.
  const apiKey = await em.findOne(ApiKey, { id }, { connectionType: 'write' });
  if (!apiKey) throw notFound(`No API key has id ${id}`);
  apiKey.revokedAt ??= new Date();
  await em.flush();
  return apiKey;
}

export const listKeys = (em: SqlEntityManager, includeRevoked: boolean) =>
  em.find(ApiKey, includeRevoked ? {} : { revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });

const LAST_USED_RESOLUTION_MS = 60_000;

/** Why the gateway must refuse a key; the message goes to the caller. */
export class KeyRejected extends Error {
  override name = 'KeyRejected';
}

/**
 * Who a presented key stands for. Unknown, wrong, revoked and expired keys are refused with a message that
 * says which, without saying whether the id exists when the secret is wrong.
 */
export async function verifyKey(em: SqlEntityManager, key: string): Promise<Caller> {
  const id = idOfKey(key);
  // From the primary, never a read replica: a key revoked a moment ago must be refused at once.
  const apiKey = id ? await em.findOne(ApiKey, { id }, { connectionType: 'write' }) : null;
  if (!apiKey || !keyMatches(key, apiKey.secretHash)) throw new KeyRejected('The API key is not valid');
  if (apiKey.revokedAt) throw new KeyRejected(`The API key ${apiKey.id} was revoked`);
  if (apiKey.expiresAt && apiKey.expiresAt <= new Date()) {
    throw new KeyRejected(`The API key ${apiKey.id} expired at ${apiKey.expiresAt.toISOString()}`);
  }
  // To the minute: a write on every request would make reads pay for bookkeeping. The row just read says whether
  // one is due, so a key in steady use costs one statement per request; the condition stays in the update so that
  // concurrent checks write once.
  if (!apiKey.lastUsedAt || apiKey.lastUsedAt.getTime() < Date.now() - LAST_USED_RESOLUTION_MS) {
    await em.execute(
      `update access.api_key set last_used_at = now()
       where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [apiKey.id],
    );
  }
  return {
    role: apiKey.role,
    subject: apiKey.owner,
    keyId: apiKey.id,
    partnerCode: apiKey.partnerCode ?? null,
    // A scope taken from the role since the key was issued is taken from the key too.
    scopes: apiKey.scopes.filter((scope): scope is Scope =>
      (ROLE_SCOPES[apiKey.role] as readonly string[]).includes(scope),
    ),
  };
}
