import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, userError } from '@motcua/errors';
import { decodeCursor, encodeCursor, toPage } from '@motcua/paging';
import type { MediaPartner } from '../entities/index.ts';
import type { ChangeKind } from '../generated/resolvers-types.ts';
import { appendDueChanges, cursorExpired, hasDueChanges } from '../newsroom/feed-log.ts';
import { visibleSql } from '../newsroom/visibility.ts';
import { webhookRuntime } from '../webhooks/settings.ts';

/** A row of the feed's log as read. */
type FeedRow = {
  seq: number | string;
  article_id: string;
  version: number;
  kind: ChangeKind;
  changed_at: Date | string;
  embargo_lifted: boolean;
};

/**
 * An item of the partner feed: a change, where to resume after it, its identity (the same as the webhook-id of
 * its delivery), and (unless a tombstone) the article's id.
 */
export type FeedEntry = Omit<FeedRow, 'seq'> & { seq: number; id: string; cursor: string };

/** The changes that carry no content: the article is gone for the partner. */
export const TOMBSTONES: readonly ChangeKind[] = ['WITHDRAWN', 'EXPIRED'];

/** A feed item's identity and cursor from its sequence number. */
export const itemIdOf = (seq: number) => `chg_${seq}`;
export const cursorOf = (seq: number) => encodeCursor([String(seq)]);

/** The sequence number a feed cursor stands for, checked by shape before any SQL (BAD_USER_INPUT otherwise). */
export function seqOfCursor(cursor: string, argumentName = 'after'): number {
  const [value] = decodeCursor(cursor, 1);
  const seq = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw badUserInput(
      `\`${argumentName}\` is not a cursor of the partner feed; pass a \`cursor\` from a previous page or delivery`,
      { argumentName },
    );
  }
  return seq;
}

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
 * The changes after sequence `after` (or the one change `only`) that the partner receives, as the feed, Atom and
 * webhooks all serve them: each article only at its latest such change (a change superseded by a newer one is
 * skipped: the partner meets the article again at the newer position, so it never processes a change twice),
 * limited to articles under a licence the partner holds.
 */
export async function receivableChanges(
  em: SqlEntityManager,
  partner: MediaPartner,
  embargo: boolean,
  where: { after: number; limit: number } | { only: number },
): Promise<FeedEntry[]> {
  const [condition, bound] = 'only' in where ? ['c.seq = ?', where.only] : ['c.seq > ?', where.after];
  const rows = await em.execute<FeedRow[]>(
    `select c.seq, c.article_id, c.version, c.kind, c.changed_at,
       (c.audience = 'ALL' and exists (select 1 from news.article_change e
         where e.article_id = c.article_id and e.version = c.version and e.audience = 'EMBARGOED')) as embargo_lifted
     from news.article_change c join news.article a on a.id = c.article_id
     where ${condition} and a.licence in (?) and ${receivable('c', embargo)}
       -- An article embargoed or rescheduled since the change is not served as it is now; it comes back at the
       -- change its release appends. A tombstone is always served: it carries no content.
       and (c.kind in ('WITHDRAWN', 'EXPIRED') or ${visibleSql({ drafts: false, embargoed: embargo, partner }, 'a')})
       -- Each article once, at its latest change (found through the log's index on article and sequence).
       and not exists (select 1 from news.article_change later
         where later.article_id = c.article_id and later.seq > c.seq and ${receivable('later', embargo)})
     order by c.seq limit ?`,
    [bound, partner.licences.length ? partner.licences : [''], 'only' in where ? 1 : where.limit],
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    return { ...row, seq, id: itemIdOf(seq), cursor: cursorOf(seq) };
  });
}

/** Logs the changes that are due (embargoes and scheduled times that have passed) before anyone reads past them. */
export async function catchUpFeed(em: SqlEntityManager): Promise<number> {
  // Most reads find nothing due, and need neither the feed's lock nor a transaction.
  if (!(await hasDueChanges(em))) return 0;
  return em.transactional((tx) => appendDueChanges(tx));
}

/** A page of the partner feed after the cursor. */
export async function readPartnerFeed(
  em: SqlEntityManager,
  partner: MediaPartner,
  /** Whether embargoed versions reach this partner (its rights, as far as its key allows). */
  embargo: boolean,
  args: { after?: string | null; first?: number | null },
) {
  const page = toPage({ first: args.first ?? 50 }, 1, 50);
  const after = args.after ? seqOfCursor(args.after) : 0;
  const { feedRetentionDays } = webhookRuntime;
  if (await cursorExpired(em, after)) {
    throw userError(
      'CURSOR_EXPIRED',
      `This cursor points at a change the feed has forgotten (it keeps ${feedRetentionDays} days of changes): start again without \`after\` (every article you may receive, once, at its latest change) and drop the ids you already have`,
      { argumentName: 'after', retentionDays: feedRetentionDays },
    );
  }
  await catchUpFeed(em);
  const rows = await receivableChanges(em, partner, embargo, { after, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return {
    items,
    cursor: items.at(-1)?.cursor ?? args.after ?? null,
    hasMore: rows.length > page.limit,
  };
}
