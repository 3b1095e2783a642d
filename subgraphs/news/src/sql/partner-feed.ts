import type { SqlEntityManager } from '@mikro-orm/sql';
import { decodeCursor, encodeCursor, toPage } from '@motcua/paging';
import type { MediaPartner } from '../entities/index.ts';
import type { ChangeKind } from '../generated/resolvers-types.ts';
import { appendDueChanges } from '../newsroom/feed-log.ts';
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
  const after = args.after ? Number(decodeCursor(args.after, 1)[0]) : 0;
  // Embargoes and scheduled times that have passed become changes before anyone reads past them.
  await em.transactional((tx) => appendDueChanges(tx));
  const rows = await em.execute<FeedRow[]>(
    // A partner with embargo rights already had each embargoed version; the same version released to everyone
    // is not news to it, so that row is not part of its feed.
    `with receivable as (
       select c.* from news.article_change c
       where (c.audience = 'ALL' or ?)
         and not (? and c.audience = 'ALL' and exists (select 1 from news.article_change e
           where e.article_id = c.article_id and e.version = c.version and e.audience = 'EMBARGOED'))
     )
     select r.seq, r.article_id, r.version, r.kind, r.changed_at
     from receivable r join news.article a on a.id = r.article_id
     where r.seq > ? and a.licence in (?)
       -- An article embargoed or rescheduled since the change is not served as it is now; it comes back at the
       -- change its release appends. A withdrawal is always served: it carries no content.
       and (r.kind = 'WITHDRAWN' or ${visibleSql({ drafts: false, embargoed: embargo, partner }, 'a')})
       and not exists (select 1 from receivable later where later.article_id = r.article_id and later.seq > r.seq)
     order by r.seq limit ?`,
    [embargo, embargo, after, partner.licences.length ? partner.licences : [''], page.limit + 1],
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
