import type { SqlEntityManager } from '@mikro-orm/sql';

/** Articles with a version for everyone not yet in the log, that may now be. */
const DUE_FOR_ALL = `feed_version_all < version and (
         (status = 'PUBLISHED' and published_at <= clock_timestamp() and (embargo_until is null or embargo_until <= clock_timestamp())
           and (expires is null or expires > clock_timestamp()))
         or (status = 'WITHDRAWN' and (feed_version_all > 0 or feed_version_embargoed > 0)))`;

/** Articles with an embargoed version not yet in the log, for the partners with embargo rights. */
const DUE_FOR_EMBARGOED = `feed_version_embargoed < version and status = 'PUBLISHED' and published_at <= clock_timestamp()
         and embargo_until > clock_timestamp() and (expires is null or expires > clock_timestamp())`;

/** Published articles whose expiry has passed and is not logged yet. */
const DUE_TO_EXPIRE = `expires is not null and not feed_expired and expires <= clock_timestamp()`;

/**
 * Who receives a tombstone: everyone when the article was ever released to everyone, otherwise only the partners
 * with embargo rights, the only ones that ever received it.
 */
const TOMBSTONE_AUDIENCE = `case when feed_version_all > 0 then 'ALL' else 'EMBARGOED' end`;

/**
 * The outbox, filled in the statement that logs the changes (`logged`: seq, article_id, audience, licence): one
 * delivery per change and active endpoint of a partner that may receive it (embargo rights, licence). Whether the
 * partner still receives it when it is sent (a newer change, an embargo set again) is decided then.
 */
const QUEUE_DELIVERIES = `queued as (
       insert into news.webhook_delivery (endpoint_id, change_seq, status, next_attempt_at, created_at)
       select e.id, l.seq, 'PENDING', clock_timestamp(), clock_timestamp()
       from logged l
       join news.webhook_endpoint e on e.status = 'ACTIVE' and e.start_after_seq < l.seq
       join news.media_partner m on m.code = e.partner_code
       where (l.audience = 'ALL' or m.embargo_rights) and l.licence = any (m.licences)
       on conflict (endpoint_id, change_seq) do nothing
     )`;

/**
 * Whether any change is due, without the feed's lock: one look per kind of change into the partial index that
 * holds only the articles that can be due for it. Each look is a first row in the index's order, so PostgreSQL
 * walks the index: it cannot estimate a comparison of two columns (`feed_version_all < version`) and, asked
 * `exists`, chose to scan every article instead.
 */
export async function hasDueChanges(em: SqlEntityManager): Promise<boolean> {
  const [row] = await em.execute<{ due: boolean }[]>(
    `select (select id from news.article where feed_version_all < version and status <> 'DRAFT'
         and (${DUE_FOR_ALL}) order by id limit 1) is not null
       or (select id from news.article where feed_version_embargoed < version and status = 'PUBLISHED'
         and embargo_until is not null and (${DUE_FOR_EMBARGOED}) order by embargo_until limit 1) is not null
       or (select id from news.article where ${DUE_TO_EXPIRE} order by expires limit 1) is not null as due`,
  );
  return Boolean(row?.due);
}

/** Takes the feed's lock: whoever holds it until commit is the only one handing out sequence numbers. */
export async function lockFeed(em: SqlEntityManager): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('motcua:news-feed'))`);
}

/**
 * Appends to the partner feed's log every change that is due: an article published or updated (for everyone, or
 * only for partners with embargo rights while under embargo), an embargo or a scheduled time that has passed, a
 * withdrawal or an expiry (a tombstone, for those who received the article), and queues the webhook deliveries
 * of these changes in the same statement. Runs inside the caller's transaction, after its writes, under a lock
 * held until commit: sequence numbers are therefore handed out in commit order, and a partner's cursor can never
 * move past a change that commits later with a smaller number. Idempotent: each article version is logged once
 * per audience. Returns how many changes it logged.
 */
export async function appendDueChanges(em: SqlEntityManager): Promise<number> {
  await lockFeed(em);
  const [forAll] = await em.execute<{ logged: number }[]>(
    `with due as (
       select id, version, status, feed_version_all, published_at, licence from news.article
       where ${DUE_FOR_ALL}
       for update
     ), logged as (
       insert into news.article_change (article_id, version, kind, audience, changed_at)
       select id, version,
         case when status = 'WITHDRAWN' then 'WITHDRAWN' when feed_version_all = 0 then 'PUBLISHED' else 'UPDATED' end,
         case when status = 'WITHDRAWN' then ${TOMBSTONE_AUDIENCE} else 'ALL' end, clock_timestamp()
       from due order by published_at, id
       returning seq, article_id, audience, (select licence from due where due.id = article_id) as licence
     ), ${QUEUE_DELIVERIES}, marked as (
       update news.article a set feed_version_all = a.version,
         feed_version_embargoed = case when a.status = 'WITHDRAWN' then a.version else a.feed_version_embargoed end
       where a.id in (select article_id from logged)
     )
     select count(*)::int as logged from logged`,
  );
  const [forEmbargoed] = await em.execute<{ logged: number }[]>(
    `with due as (
       select id, version, feed_version_embargoed, published_at, licence from news.article
       where ${DUE_FOR_EMBARGOED}
       for update
     ), logged as (
       insert into news.article_change (article_id, version, kind, audience, changed_at)
       select id, version, case when feed_version_embargoed = 0 then 'PUBLISHED' else 'UPDATED' end, 'EMBARGOED', clock_timestamp()
       from due order by published_at, id
       returning seq, article_id, audience, (select licence from due where due.id = article_id) as licence
     ), ${QUEUE_DELIVERIES}, marked as (
       update news.article a set feed_version_embargoed = a.version where a.id in (select article_id from logged)
     )
     select count(*)::int as logged from logged`,
  );
  const [expired] = await em.execute<{ logged: number }[]>(
    `with due as (
       select id, version, status, feed_version_all, feed_version_embargoed, expires, licence from news.article
       where ${DUE_TO_EXPIRE}
       for update
     ), logged as (
       insert into news.article_change (article_id, version, kind, audience, changed_at)
       select id, version, 'EXPIRED', ${TOMBSTONE_AUDIENCE}, clock_timestamp()
       from due where status = 'PUBLISHED' and (feed_version_all > 0 or feed_version_embargoed > 0)
       order by expires, id
       returning seq, article_id, audience, (select licence from due where due.id = article_id) as licence
     ), ${QUEUE_DELIVERIES}, marked as (
       -- An article nobody received, or withdrawn before, expires without a tombstone.
       update news.article a set feed_expired = true where a.id in (select id from due)
     )
     select count(*)::int as logged from logged`,
  );
  return (forAll?.logged ?? 0) + (forEmbargoed?.logged ?? 0) + (expired?.logged ?? 0);
}

/**
 * Forgets what replay no longer needs: changes older than the retention window that a later change of the same
 * article for the same audience supersedes (the feed never serves those), keeping the embargoed versions that
 * tell a partner with embargo rights it already has a release, and the webhook deliveries of what it forgets.
 * Cursors older than the window are refused (CURSOR_EXPIRED), so nobody reads across what was forgotten.
 */
export async function pruneFeedLog(em: SqlEntityManager, retentionDays: number): Promise<number> {
  const [row] = await em.execute<{ pruned: number }[]>(
    `with old as (
       select c.seq from news.article_change c
       where c.changed_at < now() - make_interval(days => ?)
         and exists (select 1 from news.article_change later
           where later.article_id = c.article_id and later.audience = c.audience and later.seq > c.seq)
         and not (c.audience = 'EMBARGOED' and exists (select 1 from news.article_change released
           where released.article_id = c.article_id and released.version = c.version and released.audience = 'ALL'))
     ), attempts as (
       delete from news.webhook_attempt a using news.webhook_delivery d
       where a.delivery_id = d.id and d.change_seq in (select seq from old)
     ), deliveries as (
       delete from news.webhook_delivery d where d.change_seq in (select seq from old)
     ), pruned as (
       delete from news.article_change c where c.seq in (select seq from old) returning 1
     )
     select count(*)::int as pruned from pruned`,
    [retentionDays],
  );
  return row?.pruned ?? 0;
}

/**
 * Whether a cursor's position was forgotten: its change is no longer in the log (pruned, being older than the
 * retention window and superseded) yet the log has gone past it. A position whose change is still in the log is
 * good however old: the log keeps every article's latest change for ever and forgets only superseded ones, which
 * the feed never serves, so reading on from it misses nothing. Judging by the change's age instead refused every
 * partner reading from the start of a log older than the window at its second page, whose cursor points at an
 * article's old, still-latest change (the benchmark's partner scenario found it).
 */
export async function cursorExpired(em: SqlEntityManager, seq: number): Promise<boolean> {
  if (seq === 0) return false;
  const [row] = await em.execute<{ expired: boolean }[]>(
    `select not exists (select 1 from news.article_change where seq = ?)
       -- Ahead of everything is a cursor of an empty feed, not a forgotten one.
       and ? <= (select coalesce(max(seq), 0) from news.article_change) as expired`,
    [seq, seq],
  );
  return Boolean(row?.expired);
}
