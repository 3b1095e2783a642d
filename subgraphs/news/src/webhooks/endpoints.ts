import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, notFound, userError } from '@motcua/errors';
import { isUuid } from '@motcua/inputs';
import { type Caller, hasScope } from '@motcua/roles';
import { MediaPartner, WebhookEndpoint } from '../entities/index.ts';
import { lockFeed } from '../newsroom/feed-log.ts';
import { seqOfCursor } from '../sql/partner-feed.ts';
import {
  lastSeq,
  queueDeliveries,
  requeueDeliveries,
  resumeFailedDeliveries,
} from '../sql/webhook-deliveries.ts';
import { endpointUrlProblem } from './address-guard.ts';
import { postWebhook } from './send.ts';
import { webhookRuntime } from './settings.ts';
import { newSecret, signedHeaders } from './signing.ts';

const isEditor = (caller: Caller) => hasScope(caller, 'news:write');

/** The partner a caller registers for: its own (a partner key), or the one an editor names. */
async function partnerFor(em: SqlEntityManager, caller: Caller, named: string | null | undefined) {
  const code = isEditor(caller) ? named : caller.partnerCode;
  if (!code) {
    throw badUserInput(
      isEditor(caller)
        ? 'Name the partner the endpoint belongs to (partnerCode)'
        : 'This key names no media partner: webhooks need a key issued to a partner',
    );
  }
  if (!isEditor(caller) && named && named !== code) {
    throw userError('FORBIDDEN', `A partner registers endpoints for itself only (your key is ${code}'s)`);
  }
  const partner = await em.findOne(MediaPartner, { code });
  if (!partner) throw badUserInput(`No media partner has code ${code}`);
  return partner;
}

/** An endpoint the caller may manage: any for editors, its own for a partner (others are NOT_FOUND). */
export async function endpointFor(em: SqlEntityManager, caller: Caller, id: string) {
  const endpoint = isUuid(id) ? await em.findOne(WebhookEndpoint, { id }, { refresh: true }) : null;
  if (!endpoint || (!isEditor(caller) && endpoint.partnerCode !== caller.partnerCode)) {
    throw notFound(`No webhook endpoint of yours has id ${id}`);
  }
  return endpoint;
}

/** The endpoints a caller sees: a partner its own, an editor every partner's or the one it names. */
export function endpointsOf(em: SqlEntityManager, caller: Caller, partnerCode?: string | null) {
  const code = isEditor(caller) ? partnerCode : caller.partnerCode;
  if (!isEditor(caller) && !code) return [];
  if (code && code.length > 100) throw badUserInput('partnerCode is at most 100 characters');
  return em.find(WebhookEndpoint, code ? { partnerCode: code } : {}, {
    orderBy: { createdAt: 'asc', id: 'asc' },
  });
}

/**
 * Sends the verification ping (`webhook.ping`, signed like any delivery) and, on a 2xx answer, makes the endpoint
 * ACTIVE and queues what it missed since it started or stopped: under the feed's lock, so a change committed at
 * that moment is either queued here or by its own transaction, never by neither.
 */
export async function verifyEndpoint(em: SqlEntityManager, endpoint: WebhookEndpoint) {
  const { settings } = webhookRuntime;
  const problem = await endpointUrlProblem(endpoint.url, settings);
  const id = `ping_${crypto.randomUUID()}`;
  const body = JSON.stringify({
    type: 'webhook.ping',
    timestamp: new Date().toISOString(),
    data: { endpointId: endpoint.id, partnerCode: endpoint.partnerCode },
  });
  const outcome = problem
    ? { statusCode: null, error: problem }
    : // The ping is answered within the caller's request: well inside the gateway's own timeout.
      await postWebhook(endpoint.url, signedHeaders(endpoint.secrets, id, body), body, {
        ...settings,
        timeoutMs: Math.min(settings.timeoutMs, 5_000),
      });
  const answered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  await em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(WebhookEndpoint, { id: endpoint.id });
    if (!answered) {
      if (row.status !== 'DISABLED') row.status = 'PENDING';
      row.statusReason = `the verification ping ${
        outcome.statusCode === null
          ? `got no answer (${outcome.error})`
          : `was answered with HTTP ${outcome.statusCode}`
      }; fix the endpoint and call verifyWebhookEndpoint`;
      return;
    }
    await lockFeed(tx);
    row.status = 'ACTIVE';
    row.statusReason = null;
    await tx.flush();
    await resumeFailedDeliveries(tx, row.id);
    await queueDeliveries(tx, row.id, { afterSeq: row.startAfterSeq }, false);
  });
  webhookRuntime.wake();
  return em.findOneOrFail(WebhookEndpoint, { id: endpoint.id }, { refresh: true });
}

export async function registerEndpoint(
  em: SqlEntityManager,
  caller: Caller,
  input: { url: string; description?: string | null; partnerCode?: string | null; after?: string | null },
) {
  const partner = await partnerFor(em, caller, input.partnerCode);
  const problem = await endpointUrlProblem(input.url.trim(), webhookRuntime.settings);
  if (problem) throw badUserInput(`The endpoint is refused: ${problem}`, { argumentName: 'url' });
  if (input.description && input.description.length > 500) {
    throw badUserInput('description must be at most 500 characters');
  }
  const startAfterSeq = input.after ? seqOfCursor(input.after) : await lastSeq(em);
  const secret = newSecret();
  const endpoint = em.create(WebhookEndpoint, {
    partnerCode: partner.code,
    url: input.url.trim(),
    description: input.description ?? null,
    status: 'PENDING',
    statusReason: 'waiting for the verification ping',
    secrets: [{ secret, createdAt: new Date().toISOString(), expiresAt: null }],
    startAfterSeq,
    createdBy: caller.keyId ? `key ${caller.keyId}` : (caller.subject ?? caller.role),
  });
  await em.flush();
  return { endpoint: await verifyEndpoint(em, endpoint), secret };
}

export async function disableEndpoint(em: SqlEntityManager, endpoint: WebhookEndpoint, by: Caller) {
  endpoint.status = 'DISABLED';
  endpoint.statusReason = `disabled by ${by.role === 'PARTNER' ? 'the partner' : 'an editor'}`;
  await em.flush();
  return endpoint;
}

/** A new secret; the live ones keep signing for `keepHours`, so the receiver can switch without losing any. */
export async function rotateSecret(em: SqlEntityManager, endpoint: WebhookEndpoint, keepHours: number) {
  if (!Number.isInteger(keepHours) || keepHours < 0 || keepHours > 168) {
    throw badUserInput('keepPreviousForHours must be between 0 and 168', {
      argumentName: 'keepPreviousForHours',
    });
  }
  const now = new Date();
  const until = new Date(now.getTime() + keepHours * 3_600_000).toISOString();
  const secret = newSecret();
  endpoint.secrets = [
    ...endpoint.secrets
      .filter((old) => !old.expiresAt || new Date(old.expiresAt) > now)
      .map((old) => ({ ...old, expiresAt: old.expiresAt && old.expiresAt < until ? old.expiresAt : until })),
    { secret, createdAt: now.toISOString(), expiresAt: null },
  ];
  await em.flush();
  return { endpoint, secret };
}

/** Queues deliveries again: by id, or every change in a range of cursors (after one, up to another). */
export async function replayDeliveries(
  em: SqlEntityManager,
  endpoint: WebhookEndpoint,
  args: { deliveryIds?: readonly string[] | null; afterCursor?: string | null; toCursor?: string | null },
) {
  const ids = args.deliveryIds ?? [];
  if (ids.length > 1000)
    throw badUserInput('Replay at most 1,000 deliveries by id at once (or give a range)');
  if (ids.some((id) => !/^\d{1,15}$/.test(id))) throw badUserInput('deliveryIds are the ids of deliveries');
  const ranged = args.afterCursor != null || args.toCursor != null;
  if (!ids.length && !ranged) {
    throw badUserInput('Say what to replay: deliveryIds, or a range afterCursor … toCursor');
  }
  const afterSeq = args.afterCursor ? seqOfCursor(args.afterCursor, 'afterCursor') : 0;
  const toSeq = args.toCursor ? seqOfCursor(args.toCursor, 'toCursor') : null;
  const queued = await em.transactional(async (tx) => {
    await lockFeed(tx);
    const byId = ids.length ? await requeueDeliveries(tx, endpoint.id, [...ids]) : 0;
    const byRange = ranged
      ? await queueDeliveries(tx, endpoint.id, { afterSeq: Math.max(afterSeq, 0), toSeq }, true)
      : 0;
    return byId + byRange;
  });
  webhookRuntime.wake();
  return { queued };
}
