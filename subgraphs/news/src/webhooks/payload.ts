import type { SqlEntityManager } from '@mikro-orm/sql';
import { Article, type MediaPartner } from '../entities/index.ts';
import { tombstoneNinjs, toNinjs } from '../ninjs/to-ninjs.ts';
import { type FeedEntry, receivableChanges, TOMBSTONES } from '../sql/partner-feed.ts';
import { renditionsOf } from '../sql/renditions.ts';

/** The Standard Webhooks event type of a feed item. */
export const eventTypeOf = (entry: Pick<FeedEntry, 'kind' | 'embargo_lifted'>) =>
  entry.embargo_lifted && !TOMBSTONES.includes(entry.kind)
    ? 'article.embargo_lifted'
    : `article.${entry.kind.toLowerCase()}`;

/**
 * The message of a change for a partner, or null when the partner does not receive it now (a newer change of the
 * article supersedes it, it is under embargo again, its licence changed). Its `data` is the feed item as
 * `partnerFeed` gives it (with its ninjs 3.1), and its id the item's, so the two transports de-duplicate.
 */
export async function messageOf(
  em: SqlEntityManager,
  partner: MediaPartner,
  seq: number,
): Promise<{ id: string; body: string } | null> {
  const [entry] = await receivableChanges(em, partner, partner.embargoRights, { only: seq });
  if (!entry) return null;
  const article = TOMBSTONES.includes(entry.kind)
    ? null
    : await em.findOne(Article, { id: entry.article_id }, { refresh: true });
  const changedAt = new Date(entry.changed_at);
  const ninjs = article
    ? toNinjs(article, 'V3_1', await renditionsOf(em, [article.id]))
    : tombstoneNinjs({ id: entry.article_id, version: entry.version, changedAt }, 'V3_1');
  const body = JSON.stringify({
    type: eventTypeOf(entry),
    timestamp: new Date().toISOString(),
    data: {
      id: entry.id,
      cursor: entry.cursor,
      change: entry.kind,
      changedAt: changedAt.toISOString(),
      articleId: entry.article_id,
      version: entry.version,
      embargoLifted: Boolean(entry.embargo_lifted),
      ninjs,
    },
  });
  return { id: entry.id, body };
}
