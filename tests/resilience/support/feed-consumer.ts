// A media partner's feed consumer, as a process of its own (`node feed-consumer.ts`), for the crash test
// (tests/resilience/feed-consumer.test.ts): it follows the partner feed with `syncPartnerFeed` for as long as it
// runs, keeping what it receives and its cursor in its own PostgreSQL database (`feed_item`, `feed_cursor`). A page's
// items and the cursor after them are written in one transaction, opened by `handle` and committed by the store's
// `save`, which syncPartnerFeed calls only once `handle` has returned: a kill at any moment leaves both or neither.
// Settings: GATEWAY_URL, API_KEY, CONSUMER_DATABASE_URL, PAGE_SIZE, HANDLE_DELAY_MS (the time a page takes to store).
import { type CursorStore, createMotcuaClient, type FeedItem } from '@motcua/client';
import pg from 'pg';

const database = new pg.Client({ connectionString: process.env.CONSUMER_DATABASE_URL });
await database.connect();
const partner = createMotcuaClient({
  url: process.env.GATEWAY_URL as string,
  apiKey: process.env.API_KEY as string,
});

let open = false;
const store: CursorStore = {
  load: async () =>
    (await database.query<{ cursor: string }>('select cursor from feed_cursor')).rows[0]?.cursor,
  save: async (cursor) => {
    await database.query(
      'insert into feed_cursor (id, cursor) values (1, $1) on conflict (id) do update set cursor = excluded.cursor',
      [cursor],
    );
    if (open) await database.query('commit');
    open = false;
  },
};

async function handle(items: FeedItem[]) {
  await database.query('begin');
  open = true;
  for (const item of items) {
    await database.query(
      'insert into feed_item (cursor, article_id, version, change) values ($1, $2, $3, $4)',
      [item.cursor, item.articleId, item.version, item.change],
    );
  }
  // Told, so that the crash test can kill it inside the transaction.
  console.log(`storing ${items.length}`);
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.HANDLE_DELAY_MS ?? 0)));
}

console.log('feed consumer running');
for (;;) {
  try {
    const handled = await partner.syncPartnerFeed(store, handle, {
      pageSize: Number(process.env.PAGE_SIZE ?? 2),
    });
    if (handled) console.log(`handled ${handled}`);
  } catch (error) {
    // A page that could not be read (the gateway slow or away) is asked again, from the cursor last saved.
    console.log(`retrying after ${(error as Error).message.slice(0, 200)}`);
  }
  if (open) {
    // Items not saved with the cursor after them (a failure, or a page whose cursor did not move): dropped,
    // read again.
    await database.query('rollback');
    open = false;
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
