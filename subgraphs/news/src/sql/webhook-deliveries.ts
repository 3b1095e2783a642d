import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '@motcua/paging';
import type { WebhookSecret } from '../entities/webhook.ts';
import type { ChangeKind, WebhookDeliveryStatus } from '../generated/resolvers-types.ts';

/** Who may receive a change of the log (alias `c`), at queueing time: embargo rights and licence. */
const PARTNER_MAY_RECEIVE = `(c.audience = 'ALL' or m.embargo_rights) and a.licence = any (m.licences)`;

/**
 * Queues (again) the deliveries of the changes after `afterSeq` (up to `toSeq`) to an endpoint. Without `replay`,
 * deliveries already queued are left as they are (an endpoint resuming); with it they are queued again from their
 * first attempt (an explicit replay). Runs under the feed's lock (see `lockFeed`), so no change commits between
 * what it sees of the log and the endpoint's new state.
 */
export async function queueDeliveries(
  tx: SqlEntityManager,
  endpointId: string,
  range: { afterSeq: number; toSeq?: number | null },
  replay: boolean,
): Promise<number> {
  const [row] = await tx.execute<{ queued: number }[]>(
    `with queued as (
       insert into news.webhook_delivery (endpoint_id, change_seq, status, next_attempt_at, created_at)
       select e.id, c.seq, 'PENDING', clock_timestamp(), clock_timestamp()
       from news.webhook_endpoint e
       join news.media_partner m on m.code = e.partner_code
       join news.article_change c on c.seq > ? and (?::bigint is null or c.seq <= ?::bigint)
       join news.article a on a.id = c.article_id
       where e.id = ? and ${PARTNER_MAY_RECEIVE}
       on conflict (endpoint_id, change_seq) do ${
         replay
           ? `update set status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp(), delivered_at = null, reason = null`
           : 'nothing'
       }
       returning 1
     ) select count(*)::int as queued from queued`,
    [range.afterSeq, range.toSeq ?? null, range.toSeq ?? null, endpointId],
  );
  return row?.queued ?? 0;
}

/** Queues again the named deliveries of an endpoint, from their first attempt. */
export async function requeueDeliveries(
  tx: SqlEntityManager,
  endpointId: string,
  ids: string[],
): Promise<number> {
  const [row] = await tx.execute<{ queued: number }[]>(
    `with queued as (
       update news.webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp(),
         delivered_at = null, reason = null
       where endpoint_id = ? and id in (?) returning 1
     ) select count(*)::int as queued from queued`,
    [endpointId, ids],
  );
  return row?.queued ?? 0;
}

/** An endpoint resuming: the deliveries that failed every retry are due again, in their order. */
export async function resumeFailedDeliveries(tx: SqlEntityManager, endpointId: string): Promise<void> {
  await tx.execute(
    `update news.webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp(), reason = null
     where endpoint_id = ? and status = 'FAILED'`,
    [endpointId],
  );
}

/** A delivery claimed by a worker, with where and how to send it. */
export type ClaimedDelivery = {
  id: string;
  endpoint_id: string;
  change_seq: string | number;
  attempts: number;
  url: string;
  secrets: WebhookSecret[];
  partner_code: string;
};

/**
 * Claims the next due delivery, locked until the caller's transaction ends: of each active endpoint only the
 * first pending delivery in feed order is a candidate (one delivery per endpoint at a time, in order, so a
 * partner's last cursor received means every change before it was delivered), and rows another worker holds are
 * skipped (FOR UPDATE SKIP LOCKED): two workers never send the same delivery at once, and one endpoint's
 * delivery waiting on a slow answer holds up only that endpoint. A worker that dies releases its lock with its
 * connection, and the delivery is due again.
 */
export async function claimNextDelivery(tx: SqlEntityManager): Promise<ClaimedDelivery | null> {
  const [row] = await tx.execute<ClaimedDelivery[]>(
    `select d.id, d.endpoint_id, d.change_seq, d.attempts, e.url, e.secrets, e.partner_code
     from news.webhook_delivery d join news.webhook_endpoint e on e.id = d.endpoint_id
     where d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp() and e.status = 'ACTIVE'
       and not exists (select 1 from news.webhook_delivery earlier
         where earlier.endpoint_id = d.endpoint_id and earlier.status = 'PENDING' and earlier.change_seq < d.change_seq)
     order by d.next_attempt_at, d.id
     limit 1
     for update of d skip locked`,
  );
  return row ?? null;
}

/** Records an attempt and what follows from it, in the claiming transaction. */
export async function recordAttempt(
  tx: SqlEntityManager,
  deliveryId: string,
  attempt: { statusCode: number | null; durationMs: number; error: string | null },
  next:
    | { status: 'DELIVERED' }
    | { status: 'PENDING'; attempts: number; at: Date; reason: string }
    | { status: 'FAILED'; attempts: number; reason: string },
): Promise<void> {
  await tx.execute(
    `insert into news.webhook_attempt (delivery_id, at, status_code, duration_ms, error)
     values (?, clock_timestamp(), ?, ?, ?)`,
    [deliveryId, attempt.statusCode, attempt.durationMs, attempt.error],
  );
  if (next.status === 'DELIVERED') {
    await tx.execute(
      `update news.webhook_delivery set status = 'DELIVERED', delivered_at = clock_timestamp(), reason = null where id = ?`,
      [deliveryId],
    );
  } else {
    await tx.execute(
      `update news.webhook_delivery set status = ?, attempts = ?, next_attempt_at = ?, reason = ? where id = ?`,
      [next.status, next.attempts, next.status === 'PENDING' ? next.at : new Date(), next.reason, deliveryId],
    );
  }
}

export async function skipDelivery(tx: SqlEntityManager, deliveryId: string, reason: string): Promise<void> {
  await tx.execute(`update news.webhook_delivery set status = 'SKIPPED', reason = ? where id = ?`, [
    reason,
    deliveryId,
  ]);
}

export async function setEndpointStatus(
  tx: SqlEntityManager,
  endpointId: string,
  status: 'ACTIVE' | 'DISABLED' | 'PENDING',
  reason: string | null,
): Promise<void> {
  await tx.execute(`update news.webhook_endpoint set status = ?, status_reason = ? where id = ?`, [
    status,
    reason,
    endpointId,
  ]);
}

/** The newest sequence number of the feed's log (0 when empty). */
export async function lastSeq(em: SqlEntityManager): Promise<number> {
  const [row] = await em.execute<{ seq: string | number }[]>(
    `select coalesce(max(seq), 0) as seq from news.article_change`,
  );
  return Number(row?.seq ?? 0);
}

/** A delivery as listed to editors and partners. */
export type DeliveryRow = {
  id: string;
  endpoint_id: string;
  change_seq: string | number;
  kind: ChangeKind;
  embargo_lifted: boolean;
  status: WebhookDeliveryStatus;
  next_attempt_at: Date;
  delivered_at: Date | null;
  reason: string | null;
};

/** A page of an endpoint's deliveries, newest change first. */
export async function deliveryPage(
  em: SqlEntityManager,
  endpointId: string,
  status: WebhookDeliveryStatus | null | undefined,
  page: Page,
): Promise<{ rows: DeliveryRow[]; totalCount: number }> {
  const before = page.after ? String(page.after[0]) : null;
  const status_ = status ?? null;
  const rows = await em.execute<(DeliveryRow & { total: number })[]>(
    `select d.id::text as id, d.endpoint_id, d.change_seq, c.kind, d.status, d.next_attempt_at, d.delivered_at, d.reason,
       (c.audience = 'ALL' and exists (select 1 from news.article_change e
         where e.article_id = c.article_id and e.version = c.version and e.audience = 'EMBARGOED')) as embargo_lifted,
       (select count(*)::int from news.webhook_delivery t
         where t.endpoint_id = d.endpoint_id and (?::text is null or t.status = ?::text)) as total
     from news.webhook_delivery d join news.article_change c on c.seq = d.change_seq
     where d.endpoint_id = ? and (?::text is null or d.status = ?::text)
       and (?::bigint is null or d.change_seq < ?::bigint)
     order by d.change_seq desc limit ?`,
    [status_, status_, endpointId, status_, status_, before, before, page.limit + 1],
  );
  return { rows, totalCount: rows[0]?.total ?? 0 };
}

/** The attempts of each delivery, oldest first (for a DataLoader). */
export async function attemptsOf(em: SqlEntityManager, deliveryIds: readonly string[]) {
  return em.execute<
    { delivery_id: string; at: Date; status_code: number | null; duration_ms: number; error: string | null }[]
  >(
    `select delivery_id::text as delivery_id, at, status_code, duration_ms, error from news.webhook_attempt
     where delivery_id in (?) order by delivery_id, id`,
    [deliveryIds as string[]],
  );
}
