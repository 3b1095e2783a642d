import type { SqlEntityManager } from '@mikro-orm/sql';

/** Articles with a version for everyone not yet in the log, that may now be. */
const DUE_FOR_ALL = `feed_version_all < version and (
         (status = 'PUBLISHED' and published_at <= clock_timestamp() and (embargo_until is null or embargo_until <= clock_timestamp()))
         or (status = 'WITHDRAWN' and (feed_version_all > 0 or feed_version_embargoed > 0)))`;

/** Articles with an embargoed version not yet in the log, for the partners with embargo rights. */
const DUE_FOR_EMBARGOED = `feed_version_embargoed < version and status = 'PUBLISHED' and published_at <= clock_timestamp()
         and embargo_until > clock_timestamp()`;

/**
 * Whether any change is due, without the feed's lock: the articles with a version not yet logged are few (the
 * partial index `article_feed_pending_index` holds only them), so the answer costs a look at those few.
 */
export async function hasDueChanges(em: SqlEntityManager): Promise<boolean> {
  const [row] = await em.execute<{ due: boolean }[]>(
    `select exists (select 1 from news.article
       where (feed_version_all < version or feed_version_embargoed < version)
         and ((${DUE_FOR_ALL}) or (${DUE_FOR_EMBARGOED}))) as due`,
  );
  return Boolean(row?.due);
}

/**
 * Appends to the partner feed's log every change that is due: an article published or updated (for everyone, or
 * only for partners with embargo rights while under embargo), an embargo or a scheduled time that has passed, a
 * withdrawal (a tombstone). Runs inside the caller's transaction, after its writes, under a lock held until
 * commit: sequence numbers are therefore handed out in commit order, and a partner's cursor can never move past
 * a change that commits later with a smaller number. Idempotent: each article version is logged once per audience.
 */
export async function appendDueChanges(em: SqlEntityManager): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('motcua:news-feed'))`);
  await em.execute(
    `with due as (
       select id, version, status, feed_version_all, published_at from news.article
       where ${DUE_FOR_ALL}
       for update
     ), logged as (
       insert into news.article_change (article_id, version, kind, audience, changed_at)
       select id, version,
         case when status = 'WITHDRAWN' then 'WITHDRAWN' when feed_version_all = 0 then 'PUBLISHED' else 'UPDATED' end,
         'ALL', clock_timestamp()
       from due order by published_at, id
       returning article_id
     )
     update news.article a set feed_version_all = a.version,
       feed_version_embargoed = case when a.status = 'WITHDRAWN' then a.version else a.feed_version_embargoed end
     where a.id in (select article_id from logged)`,
  );
  await em.execute(
    `with due as (
       select id, version, feed_version_embargoed, published_at from news.article
       where ${DUE_FOR_EMBARGOED}
       for update
     ), logged as (
       insert into news.article_change (article_id, version, kind, audience, changed_at)
       select id, version, case when feed_version_embargoed = 0 then 'PUBLISHED' else 'UPDATED' end, 'EMBARGOED', clock_timestamp()
       from due order by published_at, id
       returning article_id
     )
     update news.article a set feed_version_embargoed = a.version where a.id in (select article_id from logged)`,
  );
}
