import type { PartnerFeedQuery } from './generated/graphql.ts';

export type FeedPage = NonNullable<PartnerFeedQuery['partnerFeed']>;
export type FeedItem = FeedPage['items'][number];

/**
 * Where a partner keeps the cursor of the last page it has dealt with (a file, a row in its own database…), so
 * that the next run resumes there: it then never misses a change nor receives one twice.
 */
export type CursorStore = {
  load: () => Promise<string | undefined> | string | undefined;
  save: (cursor: string) => Promise<void> | void;
};

/** A cursor store in memory, for tests and one-off scripts. */
export function memoryCursorStore(initial?: string): CursorStore & { readonly cursor: string | undefined } {
  let cursor = initial;
  return {
    get cursor() {
      return cursor;
    },
    load: () => cursor,
    save: (next) => {
      cursor = next;
    },
  };
}
