import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { GraphQLClient } from 'graphql-request';
import { gql } from 'graphql-request';
import pg from 'pg';
import { ok } from './support/data-of.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';
import { type Receiver, startReceiver } from './support/webhook-receiver.ts';

const WORKER = new URL('../subgraphs/news/src/webhooks/worker-main.ts', import.meta.url).pathname;

let graph: TestHub;
let editor: GraphQLClient;
let partner: GraphQLClient;
let target: Receiver;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // No worker in the hub: the workers are processes of their own, which the test kills.
  graph = await startTestHub({ env: { WEBHOOK_WORKER: 'false' } });
  editor = await graph.as('EDITOR');
  partner = await graph.as('PARTNER');
  target = await startReceiver();
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await target?.close();
  await graph?.stop();
});

/** A delivery worker process on the hub's database, as `pnpm webhooks:worker` starts it. */
async function startWorker(): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: graph.databaseUrl,
      WEBHOOK_RETRY_SCHEDULE: '200ms,300ms,400ms',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(worker);
  await new Promise<void>((resolve, reject) => {
    worker.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('webhook worker delivering')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  return worker;
}

const ARTICLE = {
  headline: 'Tin thử khi máy chủ gặp sự cố',
  bodyHtml: '<p>Nội dung.</p>',
  language: 'VI',
  kind: 'NEWS',
  copyrightHolder: 'Thành phố Hà Nội',
  licence: 'MOTCUA-PRESS',
};

async function publishNew(slug: string): Promise<string> {
  const { createArticle } = await ok<{ createArticle: { id: string; version: number } }>(
    editor,
    gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id version } }`,
    { input: { ...ARTICLE, slug } },
  );
  await ok(
    editor,
    gql`mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { id } }`,
    createArticle,
  );
  return createArticle.id;
}

/** What the outbox holds for the test's endpoint, read from the database itself. */
async function outbox(endpointId: string) {
  const client = new pg.Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ change_seq: string; status: string; attempts: number }>(
      `select d.change_seq, d.status, (select count(*)::int from news.webhook_attempt a where a.delivery_id = d.id) as attempts
       from news.webhook_delivery d where d.endpoint_id = $1 order by d.change_seq`,
      [endpointId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const processedIds = () => new Set(target.changes().map((message) => message.id));

it('loses nothing and sends nothing twice when the worker is killed before or during a delivery', async () => {
  const first = await startWorker();
  const { registerWebhookEndpoint } = await ok<{
    registerWebhookEndpoint: { secret: string; endpoint: { id: string; status: string } };
  }>(
    partner,
    gql`mutation ($url: String!) { registerWebhookEndpoint(input: { url: $url }) { secret endpoint { id status } } }`,
    {
      url: target.url,
    },
  );
  target.verifyWith(registerWebhookEndpoint.secret);
  const endpointId = registerWebhookEndpoint.endpoint.id;

  // Killed while the receiver holds the first delivery open: it got the message, the worker never heard back.
  target.answer('hold');
  const held = await publishNew('su-co-giua-chung');
  await target.until(() => target.changes().some((message) => message.payload.data.articleId === held));
  first.kill('SIGKILL');
  await once(first, 'exit');
  target.release();

  // Changes committed while no worker runs wait in the outbox.
  const whileDown = [await publishNew('khi-khong-co-worker-1'), await publishNew('khi-khong-co-worker-2')];
  expect((await outbox(endpointId)).map((row) => row.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

  // Two workers at once: each delivery is claimed by one of them only.
  await Promise.all([startWorker(), startWorker()]);
  await target.until(() =>
    whileDown.every((id) => target.changes().some((message) => message.payload.data.articleId === id)),
  );
  // The receiver has the last message a moment before its worker records the answer.
  let rows = await outbox(endpointId);
  while (rows.some((row) => row.status !== 'DELIVERED')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    rows = await outbox(endpointId);
  }

  // The message cut off by the kill came again with the same webhook-id (the receiver keeps it once); every
  // other message came exactly once, and every one verified.
  const byId = new Map<string, number>();
  for (const message of target.changes()) byId.set(message.id, (byId.get(message.id) ?? 0) + 1);
  const heldId = target.changes().find((message) => message.payload.data.articleId === held)?.id;
  expect(byId.get(heldId ?? '')).toBe(2);
  expect([...byId].filter(([id]) => id !== heldId).map(([, count]) => count)).toEqual([1, 1]);
  expect(processedIds().size).toBe(3);
  expect(target.changes().every((message) => message.verified)).toBe(true);
  // The attempt the killed worker never finished left no trace: one attempt per delivery.
  expect(rows.map((row) => row.attempts)).toEqual([1, 1, 1]);
});
