import { Migration0001Articles } from './0001-articles.ts';
import { Migration0002Newsroom } from './0002-newsroom.ts';
import { Migration0003FeedPendingIndex } from './0003-feed-pending-index.ts';
import { Migration0004Webhooks } from './0004-webhooks.ts';
import { Migration0005Renditions } from './0005-renditions.ts';
import { Migration0006FeedDueIndexes } from './0006-feed-due-indexes.ts';
import { Migration0007DataVersion } from './0007-data-version.ts';

/** Every migration of the news subgraph, in order. */
export const migrations = [
  Migration0001Articles,
  Migration0002Newsroom,
  Migration0003FeedPendingIndex,
  Migration0004Webhooks,
  Migration0005Renditions,
  Migration0006FeedDueIndexes,
  Migration0007DataVersion,
];
