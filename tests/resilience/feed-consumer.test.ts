import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMotcuaClient, type FeedItem } from '@motcua/client';
import { createTestDatabase, type TestDatabase } from '@motcua/testkit';
import { type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { headersOf, startTestHub, type TestHub } from '../support/test-hub.ts';
import { ROOT } from './support/parts.ts';

// A crashed feed consumer (issue 12): a partner's process following the feed with `syncPartnerFeed`, its cursor and
// what it received in its own database (support/feed-consumer.ts), is killed with SIGKILL several times while
// editors keep publishing, and started again each time. In the end it holds every change of the feed exactly once,
// in the feed's order: no gap, no duplicate.
const KILLS = 4;
const ARTICLES = 40;
const PUBLISHERS = 2;

let graph: TestHub;
let editor: GraphQLClient;
let consumerDb: TestDatabase;
let db: pg.Client;
let apiKey: string;
let consumer: ChildProcess | undefined;
/** What the consumers printed last, shown when the test fails. */
let consumerOutput = '';
/** How many pages the consumers have begun to store (each prints `storing` inside its transaction). */
let storing = 0;

beforeAll(async () => {
  graph = await startTestHub({ env: { RATE_LIMIT_PER_IP: '1000000' } });
  editor = await graph.as('EDITOR');
  apiKey = (await headersOf('PARTNER'))['x-api-key'] as string;
  consumerDb = await createTestDatabase();
  db = new pg.Client({ connectionString: consumerDb.url });
  await db.connect();
  await db.query(
    `create table feed_item (position serial primary key, cursor text not null, article_id text not null,
       version int not null, change text not null);
     create table feed_cursor (id int primary key, cursor text not null)`,
  );
}, 120_000);

afterAll(async () => {
  consumer?.kill('SIGKILL');
  await db?.end();
  await consumerDb?.drop();
  await graph?.stop();
});

function startConsumer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'tests/resilience/support/feed-consumer.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      GATEWAY_URL: graph.hub.url,
      API_KEY: apiKey,
      CONSUMER_DATABASE_URL: consumerDb.url,
      PAGE_SIZE: '2',
      // A partner's store takes a while to write a page: a kill often lands inside its transaction.
      HANDLE_DELAY_MS: '150',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  consumer = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      consumerOutput = (consumerOutput + chunk.toString()).slice(-4_000);
      storing += chunk.toString().match(/^storing /gm)?.length ?? 0;
      if (output.includes('feed consumer running')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the consumer exited with ${code}:\n${output}`));
    });
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ARTICLE = {
  headline: 'Người cao tuổi nộp hồ sơ trực tuyến',
  bodyHtml: '<p>Hướng dẫn <strong>đăng ký</strong> khai sinh qua mạng.</p>',
  language: 'VI',
  kind: 'NEWS',
  copyrightHolder: 'Thành phố Hà Nội',
  licence: 'MOTCUA-PRESS',
};
const CREATE = gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id version } }`;
const PUBLISH = gql`mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { id version } }`;

type Written = { id: string; version: number };

async function publishOne(slug: string): Promise<string> {
  const { createArticle } = await editor.request<{ createArticle: Written }>(CREATE, {
    input: { ...ARTICLE, slug },
  });
  await editor.request(PUBLISH, createArticle);
  return createArticle.id;
}

/** The whole feed, read from the beginning in one go: what the consumer must hold. */
async function wholeFeed(): Promise<FeedItem[]> {
  const partner = createMotcuaClient({ url: graph.hub.url, apiKey });
  const items: FeedItem[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await partner.partnerFeedPage(after, 100);
    items.push(...page.items);
    if (!page.hasMore) return items;
    after = page.cursor ?? after;
  }
}

const held = async () =>
  (
    await db.query<{ cursor: string; article_id: string }>(
      'select cursor, article_id from feed_item order by position',
    )
  ).rows;

describe('a feed consumer killed with SIGKILL while articles are published', () => {
  it('resumes from its stored cursor each time and ends with every change exactly once', async () => {
    const published: string[] = [];
    let next = 0;
    let publishingDone = false;
    const publishing = Promise.all(
      Array.from({ length: PUBLISHERS }, async () => {
        while (next < ARTICLES) {
          const index = next++;
          published.push(await publishOne(`tin-nguoi-doc-${index}`));
          await sleep(150);
        }
      }),
    ).then(() => {
      publishingDone = true;
    });
    let child = await startConsumer();
    const kills: { held: number; whilePublishing: boolean }[] = [];
    for (let round = 0; round < KILLS; round += 1) {
      const before = (await held()).length;
      const since = Date.now();
      if (round % 2 === 0) {
        // Killed inside a page's transaction: its items written, the cursor after them not yet.
        const begun = storing;
        while (storing === begun && Date.now() - since < 10_000) await sleep(5);
      } else {
        // Killed once it has made progress in this run, at an arbitrary moment after that: mid-page, between pages.
        while ((await held()).length === before && Date.now() - since < 10_000) await sleep(10);
        await sleep(Math.floor(Math.random() * 150));
      }
      const whilePublishing = !publishingDone;
      await kill(child);
      kills.push({ held: (await held()).length, whilePublishing });
      child = await startConsumer();
    }
    await publishing;
    const expected = await wholeFeed();
    const since = Date.now();
    while ((await held()).length < expected.length && Date.now() - since < 30_000) await sleep(100);
    // Caught up: a little longer, so that a duplicate written late would be seen.
    await sleep(500);
    await kill(child);
    const rows = await held();
    if (rows.length !== expected.length) console.log(`the consumer printed:\n${consumerOutput}`);
    // Rows written by a transaction a kill cut short took a position and were rolled back with it.
    const { rows: sequence } = await db.query<{ last: string }>(
      'select last_value as last from feed_item_position_seq',
    );
    const rolledBack = Number(sequence[0]?.last) - rows.length;
    console.log(
      `feed consumer: ${JSON.stringify({ kills, published: published.length, feedItems: expected.length, held: rows.length, rolledBackByKills: rolledBack })}`,
    );
    // Killed while it was reading the feed, and while articles were being published.
    expect(kills.some((one) => one.held > 0)).toBe(true);
    expect(kills.some((one) => one.whilePublishing)).toBe(true);
    // Some kills cut a page's transaction short: what it had written went with it.
    expect(rolledBack).toBeGreaterThan(0);
    expect(rows.map((row) => row.cursor)).toEqual(expected.map((item) => item.cursor));
    expect(new Set(rows.map((row) => row.cursor)).size).toBe(rows.length);
    for (const id of published) expect(rows.map((row) => row.article_id)).toContain(id);
  }, 240_000);
});
