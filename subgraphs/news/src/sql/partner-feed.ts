import type { SqlEntityManager } from '@mikro-orm/sql';
import { decodeCursor, encodeCursor, toPage } from '@motcua/paging';
import type { MediaPartner } from '../entities/index.ts';
import type { ChangeKind } from '../generated/resolvers-types.ts';
import { appendDueChanges, hasDueChanges } from '../newsroom/feed-log.ts';
import { visibleSql } from '../newsroom/visibility.ts';

/** A row of the feed's log as read. */
type FeedRow = {
  seq: number | string;
  article_id: string;
  version: number;
  kind: ChangeKind;
  changed_at: Date | string;
};

/** An item of the partner feed: a change, where to resume after it, and (unless a withdrawal) the article's id. */
export type FeedEntry = Omit<FeedRow, 'seq'> & { seq: number; cursor: string };

/**
 * SQL condition on a change of the log (alias `change`): whether a partner receives it. A partner without embargo
 * rights receives the changes for everyone only; one with them receives the embargoed versions, and not the same
 * version again when it is released to everyone (it already had it). `embargo` is the server's own boolean.
 */
const receivable = (change: string, embargo: boolean) =>
  embargo
    ? `not (${change}.audience = 'ALL' and exists (select 1 from news.article_change e
         where e.article_id = ${change}.article_id and e.version = ${change}.version and e.audience = 'EMBARGOED'))`
    : `${change}.audience = 'ALL'`;

/**
 * A page of the partner feed: changes after the cursor that the partner may receive, each article only at its
 * latest such change (a change superseded by a newer one is skipped: the partner meets the article again at the
 * newer position, so it never processes a change twice), limited to articles under a licence the partner holds.
 */
export async function readPartnerFeed(
  em: SqlEntityManager,
  partner: MediaPartner,
  /** Whether embargoed versions reach this partner (its rights, as far as its key allows). */
  embargo: boolean,
  args: { after?: string | null; first?: number | null },
) {
  const page = toPage({ first: args.first ?? 50 }, 1, 50);
  const after = args.after ? Number(decodeCursor(args.after, ['integer'])[0]) : 0;
  // Embargoes and scheduled times that have passed become changes before anyone reads past them. Most reads find
  // nothing due, and need neither the feed's lock nor a transaction.
  if (await hasDueChanges(em)) await em.transactional((tx) => appendDueChanges(tx));
  const rows = await em.execute<FeedRow[]>(
    `select c.seq, c.article_id, c.version, c.kind, c.changed_at
     from news.article_change c join news.article a on a.id = c.article_id
     where c.seq > ? and a.licence in (?) and ${receivable('c', embargo)}
       -- An article embargoed or rescheduled since the change is not served as it is now; it comes back at the
       -- change its release appends. A withdrawal is always served: it carries no content.
       and (c.kind = 'WITHDRAWN' or ${visibleSql({ drafts: false, embargoed: embargo, partner }, 'a')})
       -- Each article once, at its latest change (found through the log's index on article and sequence).
       and not exists (select 1 from news.article_change later
         where later.article_id = c.article_id and later.seq > c.seq and ${receivable('later', embargo)})
     order by c.seq limit ?`,
    [after, partner.licences.length ? partner.licences : [''], page.limit + 1],
  );
  const items: FeedEntry[] = rows
    .slice(0, page.limit)
    .map((row) => ({ ...row, seq: Number(row.seq), cursor: encodeCursor([String(row.seq)]) }));
  return {
    items,
    cursor: items.at(-1)?.cursor ?? args.after ?? null,
    hasMore: rows.length > page.limit,
  };
}
