import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClientError, type GraphQLClient, gql } from 'graphql-request';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';
import { type Receiver, startReceiver } from './support/webhook-receiver.ts';

let graph: TestHub;
let editor: GraphQLClient;
/** A partner with embargo rights, and one without. */
let hanoimoi: GraphQLClient;
let radio: GraphQLClient;
const receivers: Receiver[] = [];
/**
 * Change → receiver, as measured (printed at the end, never asserted): from the mutation's answer (the change is
 * committed by then) and from its request (an upper bound).
 */
const latencies: { fromAnswer: number; fromRequest: number }[] = [];

beforeAll(async () => {
  // A retry schedule of milliseconds, so that a test sees the whole of it in seconds.
  graph = await startTestHub({
    env: { WEBHOOK_RETRY_SCHEDULE: '200ms,300ms,400ms', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '1500' },
  });
  editor = await graph.as('EDITOR');
  hanoimoi = await graph.as('PARTNER');
  radio = await graph.as('PARTNER_WITHOUT_EMBARGO');
});

afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
  await graph?.stop();
  if (latencies.length) {
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)]?.toFixed(1);
    console.log(
      `webhook latency over ${latencies.length} changes, median: ${median(latencies.map((l) => l.fromAnswer))} ms from the mutation's answer to the receiver, ${median(latencies.map((l) => l.fromRequest))} ms from its request`,
    );
  }
});

async function receiver() {
  const made = await startReceiver();
  receivers.push(made);
  return made;
}

type Endpoint = { id: string; status: string; statusReason: string | null; partnerCode: string };
const REGISTER = gql`mutation ($input: WebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id status statusReason partnerCode url secrets { prefix expiresAt } createdBy } }
}`;

/** Registers `target` for the caller's partner, verifying every message it gets with the secret. */
async function register(client: GraphQLClient, target: Receiver, extra: Record<string, unknown> = {}) {
  // The ping comes before the secret is known to the test: it verifies once the secret is set.
  const { registerWebhookEndpoint } = await ok<{
    registerWebhookEndpoint: { secret: string; endpoint: Endpoint };
  }>(client, REGISTER, { input: { url: target.url, ...extra } });
  target.verifyWith(registerWebhookEndpoint.secret);
  return registerWebhookEndpoint;
}

const ARTICLE = {
  headline: 'Người cao tuổi nộp hồ sơ trực tuyến',
  bodyHtml: '<p>Hướng dẫn <strong>đăng ký</strong> khai sinh qua mạng.</p>',
  language: 'VI',
  kind: 'NEWS',
  copyrightHolder: 'Thành phố Hà Nội',
  licence: 'MOTCUA-PRESS',
};
type Written = { id: string; version: number };
const CREATE = gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id version } }`;
const UPDATE = gql`mutation ($id: ID!, $version: Int!, $input: ArticleInput!) { updateArticle(id: $id, version: $version, input: $input) { id version } }`;
const PUBLISH = gql`mutation ($id: ID!, $version: Int!, $embargoUntil: DateTime) { publishArticle(id: $id, version: $version, embargoUntil: $embargoUntil) { id version } }`;
const WITHDRAW = gql`mutation ($id: ID!, $version: Int!) { withdrawArticle(id: $id, version: $version, reason: "Sai số liệu") { id version } }`;

async function create(slug: string, extra: Record<string, unknown> = {}): Promise<Written> {
  return (await ok<{ createArticle: Written }>(editor, CREATE, { input: { ...ARTICLE, slug, ...extra } }))
    .createArticle;
}

/** Publishes (timing the change until `target` has it, when given). */
async function publish(article: Written, embargoUntil?: string): Promise<Written> {
  return (await ok<{ publishArticle: Written }>(editor, PUBLISH, { ...article, embargoUntil }))
    .publishArticle;
}

const FEED = gql`query ($after: String) { partnerFeed(after: $after, first: 100) { cursor hasMore items { id cursor change articleId version embargoLifted ninjs } } }`;
type FeedItem = {
  id: string;
  cursor: string;
  change: string;
  articleId: string;
  version: number;
  embargoLifted: boolean;
  ninjs: Record<string, unknown>;
};
async function feed(client: GraphQLClient, after: string | null) {
  const items: FeedItem[] = [];
  let cursor = after;
  for (;;) {
    const { partnerFeed } = await ok<{
      partnerFeed: { cursor: string | null; hasMore: boolean; items: FeedItem[] };
    }>(client, FEED, { after: cursor });
    items.push(...partnerFeed.items);
    cursor = partnerFeed.cursor;
    if (!partnerFeed.hasMore) return { items, cursor };
  }
}

const DELIVERIES = gql`query ($endpointId: ID!) { webhookDeliveries(endpointId: $endpointId, first: 100) {
  totalCount nodes { id itemId cursor eventType status reason attempts { statusCode error } } } }`;
type Delivery = {
  id: string;
  itemId: string;
  cursor: string;
  eventType: string;
  status: string;
  reason: string | null;
  attempts: { statusCode: number | null; error: string | null }[];
};
async function deliveries(client: GraphQLClient, endpointId: string): Promise<Delivery[]> {
  return (await ok<{ webhookDeliveries: { nodes: Delivery[] } }>(client, DELIVERIES, { endpointId }))
    .webhookDeliveries.nodes;
}

const forArticle = (target: Receiver, id: string) =>
  target.changes().filter((message) => message.payload.data.articleId === id);

describe('webhooks to media partners', () => {
  it('lets a partner register its own endpoint with its key, verified by a signed ping', async () => {
    const target = await receiver();
    const { secret, endpoint } = await register(hanoimoi, target);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ status: 'ACTIVE', statusReason: null, partnerCode: 'hanoimoi' });
    const [ping] = target.received;
    expect(ping?.payload.type).toBe('webhook.ping');
    // The ping arrived before the test knew the secret: checked now with the library.
    expect(() =>
      new Webhook(secret).verify(ping?.body ?? '', {
        'webhook-id': ping?.id ?? '',
        'webhook-timestamp': ping?.timestamp ?? '',
        'webhook-signature': ping?.signature ?? '',
      }),
    ).not.toThrow();
    // Partners see their own endpoints only; editors see everyone's.
    const own = await ok<{ webhookEndpoints: Endpoint[] }>(radio, gql`{ webhookEndpoints { id } }`);
    expect(own.webhookEndpoints.map((row) => row.id)).not.toContain(endpoint.id);
    const all = await ok<{ webhookEndpoints: Endpoint[] }>(editor, gql`{ webhookEndpoints { id } }`);
    expect(all.webhookEndpoints.map((row) => row.id)).toContain(endpoint.id);
    const foreign = await radio.rawRequest(DELIVERIES, { endpointId: endpoint.id });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await graph.client.rawRequest(REGISTER, { input: { url: target.url } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an editor register one for a partner, and refuses what is not an endpoint', async () => {
    const target = await receiver();
    const { endpoint } = await register(editor, target, { partnerCode: 'dai-phat-thanh-xa' });
    expect(endpoint).toMatchObject({ status: 'ACTIVE', partnerCode: 'dai-phat-thanh-xa' });
    const noPartner = await editor.rawRequest(REGISTER, { input: { url: target.url } }).catch(refusal);
    expect(noPartner.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const notUrl = await hanoimoi
      .rawRequest(REGISTER, { input: { url: 'ftp://example.org/hooks' } })
      .catch(refusal);
    expect(notUrl.errors?.[0]?.message).toMatch(/must be https or http/);
    const withPassword = await hanoimoi
      .rawRequest(REGISTER, {
        input: { url: 'http://user:pw@127.0.0.1:1/hooks' },
      })
      .catch(refusal);
    expect(withPassword.errors?.[0]?.message).toMatch(/user name or password/);
  });

  it('pushes every change a partner may receive, signed, with the feed item as payload and its id as webhook-id', async () => {
    const target = await receiver();
    await register(hanoimoi, target);
    const start = (await feed(hanoimoi, null)).cursor;
    const draft = await create('webhook-moi-nhat');
    /** Runs a change and times it until the receiver has its message number `count`. */
    const timed = async <T>(change: () => Promise<T>, count: number): Promise<T> => {
      const requested = performance.now();
      const result = await change();
      const answered = performance.now();
      await target.until(() => forArticle(target, draft.id).length === count);
      const at = forArticle(target, draft.id)[count - 1]?.at ?? 0;
      latencies.push({ fromAnswer: at - answered, fromRequest: at - requested });
      return result;
    };
    const published = await timed(() => publish(draft), 1);
    const updated = await timed(
      async () =>
        (
          await ok<{ updateArticle: Written }>(editor, UPDATE, {
            ...published,
            input: { ...ARTICLE, slug: 'webhook-moi-nhat', headline: 'Người cao tuổi: hướng dẫn mới' },
          })
        ).updateArticle,
      2,
    );
    await timed(() => ok(editor, WITHDRAW, updated), 3);

    const messages = forArticle(target, draft.id);
    expect(messages.every((message) => message.verified)).toBe(true);
    expect(messages.map((message) => message.payload.type)).toEqual([
      'article.published',
      'article.updated',
      'article.withdrawn',
    ]);
    expect(messages.map((message) => message.payload.data.change)).toEqual([
      'PUBLISHED',
      'UPDATED',
      'WITHDRAWN',
    ]);
    expect(messages[1]?.payload.data.ninjs).toMatchObject({
      uri: `urn:motcua:article:${draft.id}`,
      headlines: [{ role: 'main', value: 'Người cao tuổi: hướng dẫn mới' }],
    });
    expect(messages[2]?.payload.data.ninjs).toMatchObject({ pubStatus: 'canceled' });
    for (const message of messages) expect(message.id).toBe(message.payload.data.id);

    // The feed holds the same item (each article once, at its latest change): same id, same cursor, same ninjs.
    const items = (await feed(hanoimoi, start)).items.filter((item) => item.articleId === draft.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: messages[2]?.id,
      cursor: messages[2]?.payload.data.cursor,
      change: 'WITHDRAWN',
      ninjs: messages[2]?.payload.data.ninjs,
    });
  });

  it('tells a partner without embargo rights when the embargo lifts, and one with them at once', async () => {
    const withRights = await receiver();
    const without = await receiver();
    await register(hanoimoi, withRights);
    await register(radio, without);
    const draft = await create('webhook-cam-dang');
    const embargoUntil = new Date(Date.now() + 1_500).toISOString();
    await publish(draft, embargoUntil);
    await withRights.until(() => forArticle(withRights, draft.id).length === 1);
    expect(forArticle(without, draft.id)).toEqual([]);
    // Nobody reads the feed: the worker itself notices the embargo has passed.
    await without.until(() => forArticle(without, draft.id).length === 1);
    expect(forArticle(without, draft.id).map((message) => message.payload.type)).toEqual([
      'article.embargo_lifted',
    ]);
    expect(forArticle(without, draft.id)[0]?.payload.data).toMatchObject({
      change: 'PUBLISHED',
      embargoLifted: true,
    });
    expect(forArticle(withRights, draft.id).map((message) => message.payload.type)).toEqual([
      'article.published',
    ]);
  });

  it('never sends a tombstone of an embargoed article to a partner that never received it (issue 12)', async () => {
    const withRights = await receiver();
    const without = await receiver();
    await register(hanoimoi, withRights);
    await register(radio, without);
    const radioStart = (await feed(radio, null)).cursor;
    const draft = await create('rut-truoc-khi-het-cam');
    const published = await publish(draft, new Date(Date.now() + 3_600_000).toISOString());
    await ok(editor, WITHDRAW, published);
    await withRights.until(() => forArticle(withRights, draft.id).length === 2);
    expect(forArticle(withRights, draft.id).map((message) => message.payload.type)).toEqual([
      'article.published',
      'article.withdrawn',
    ]);
    // A later change reaches the other partner: by then, anything queued for it before has gone too.
    const later = await publish(await create('tin-sau-do'));
    await without.until(() => forArticle(without, later.id).length === 1);
    expect(forArticle(without, draft.id)).toEqual([]);
    expect((await feed(radio, radioStart)).items.map((item) => item.articleId)).not.toContain(draft.id);
  });

  it('sends a tombstone when an article expires, and the article leaves every list', async () => {
    const target = await receiver();
    await register(radio, target);
    const start = (await feed(radio, null)).cursor;
    // Long enough for the publication to be delivered first on a busy machine (after it, it is superseded).
    const expires = new Date(Date.now() + 6_000).toISOString();
    const article = await publish(await create('het-han-su-dung', { expires }));
    await target.until(() => forArticle(target, article.id).length === 1);
    expect(forArticle(target, article.id)[0]?.payload.data.ninjs).toMatchObject({ expires });
    // Nobody reads the feed: the worker notices the expiry.
    await target.until(() => forArticle(target, article.id).length === 2);
    const tombstone = forArticle(target, article.id)[1];
    expect(tombstone?.payload).toMatchObject({
      type: 'article.expired',
      data: { change: 'EXPIRED', ninjs: { pubStatus: 'canceled' } },
    });
    const items = (await feed(radio, start)).items.filter((item) => item.articleId === article.id);
    expect(items.map((item) => [item.id, item.change])).toEqual([[tombstone?.id, 'EXPIRED']]);
    const lookup = await graph.client.rawRequest(gql`{ article(slug: "het-han-su-dung") { slug } }`);
    expect(lookup.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('retries a receiver that fails, with backoff, until it recovers; every attempt is listed', async () => {
    const target = await receiver();
    const { endpoint } = await register(hanoimoi, target);
    target.answer({ status: 500 }, { status: 502 });
    const article = await publish(await create('thu-lai-khi-loi'));
    await target.until(() => forArticle(target, article.id).length === 3);
    const sent = forArticle(target, article.id);
    // The same message each time: one id, a fresh signature.
    expect(new Set(sent.map((message) => message.id)).size).toBe(1);
    expect(sent.every((message) => message.verified)).toBe(true);
    await waitFor(async () => (await deliveries(hanoimoi, endpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveries(hanoimoi, endpoint.id);
    expect(delivery).toMatchObject({
      itemId: sent[0]?.id,
      eventType: 'article.published',
      status: 'DELIVERED',
    });
    expect(delivery?.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 502, 204]);
    // Editors see the same.
    expect((await deliveries(editor, endpoint.id))[0]?.attempts).toHaveLength(3);
  });

  it('honours 429 with Retry-After without using up the schedule, and gives up after the whole schedule', async () => {
    const target = await receiver();
    const { endpoint } = await register(hanoimoi, target);
    target.answer({ status: 429, headers: { 'retry-after': '1' } });
    const article = await publish(await create('cham-lai-theo-yeu-cau'));
    await target.until(() => forArticle(target, article.id).length === 2);
    await waitFor(async () => (await deliveries(hanoimoi, endpoint.id))[0]?.status === 'DELIVERED');
    expect(
      (await deliveries(hanoimoi, endpoint.id))[0]?.attempts.map((attempt) => attempt.statusCode),
    ).toEqual([429, 204]);

    // Four failures: the first attempt and the three retries of this test's schedule.
    target.answer({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const failing = await publish(await create('that-bai-ca-lich'));
    await waitFor(async () => (await deliveries(hanoimoi, endpoint.id))[0]?.status === 'FAILED');
    expect(forArticle(target, failing.id)).toHaveLength(4);
    const endpoints = await ok<{ webhookEndpoints: Endpoint[] }>(
      hanoimoi,
      gql`{ webhookEndpoints { id status statusReason } }`,
    );
    expect(endpoints.webhookEndpoints.find((row) => row.id === endpoint.id)).toMatchObject({
      status: 'DISABLED',
      statusReason: expect.stringMatching(/every retry/),
    });
    // Verified again, it resumes where it stopped.
    await ok(hanoimoi, gql`mutation ($id: ID!) { verifyWebhookEndpoint(id: $id) { status } }`, {
      id: endpoint.id,
    });
    await target.until(() => forArticle(target, failing.id).length === 5);
  });

  it('disables an endpoint that answers 410 Gone, and delivers what waited once it is verified again', async () => {
    const target = await receiver();
    const { endpoint } = await register(hanoimoi, target);
    target.answer({ status: 410 });
    const first = await publish(await create('diem-nhan-da-go'));
    await target.until(() => forArticle(target, first.id).length === 1);
    await waitFor(async () => {
      const rows = await ok<{ webhookEndpoints: Endpoint[] }>(
        hanoimoi,
        gql`{ webhookEndpoints { id status } }`,
      );
      return rows.webhookEndpoints.find((row) => row.id === endpoint.id)?.status === 'DISABLED';
    });
    const second = await publish(await create('trong-luc-tat'));
    const verified = await ok<{ verifyWebhookEndpoint: Endpoint }>(
      hanoimoi,
      gql`mutation ($id: ID!) { verifyWebhookEndpoint(id: $id) { status } }`,
      { id: endpoint.id },
    );
    expect(verified.verifyWebhookEndpoint.status).toBe('ACTIVE');
    await target.until(() => forArticle(target, second.id).length === 1);
    // In feed order: the one that met 410 first, then the one published while the endpoint was off.
    const order = target.changes().map((message) => message.payload.data.articleId);
    expect(order.lastIndexOf(first.id)).toBeLessThan(order.indexOf(second.id));
  });

  it('does not let a slow endpoint hold up the others', async () => {
    const slow = await receiver();
    const fast = await receiver();
    await register(hanoimoi, slow);
    await register(radio, fast);
    slow.answer('hold');
    const article = await publish(await create('mot-diem-nhan-cham'));
    await slow.until(() => forArticle(slow, article.id).length === 1);
    // The slow endpoint holds its request open; the other partner gets the change meanwhile.
    await fast.until(() => forArticle(fast, article.id).length === 1);
    slow.release();
  });

  it('replays one delivery or a range of cursors with the same webhook-id', async () => {
    const target = await receiver();
    const { endpoint } = await register(hanoimoi, target);
    const one = await publish(await create('phat-lai-mot'));
    const two = await publish(await create('phat-lai-hai'));
    await target.until(() => forArticle(target, two.id).length === 1);
    await waitFor(async () =>
      (await deliveries(hanoimoi, endpoint.id)).every((row) => row.status === 'DELIVERED'),
    );
    const rows = await deliveries(hanoimoi, endpoint.id);
    const REPLAY = gql`mutation ($endpointId: ID!, $ids: [ID!], $after: String, $to: String) {
      replayWebhookDeliveries(endpointId: $endpointId, deliveryIds: $ids, afterCursor: $after, toCursor: $to) { queued } }`;
    const byId = rows.find((row) => forArticle(target, one.id)[0]?.id === row.itemId);
    expect(await ok(hanoimoi, REPLAY, { endpointId: endpoint.id, ids: [byId?.id] })).toEqual({
      replayWebhookDeliveries: { queued: 1 },
    });
    await target.until(() => forArticle(target, one.id).length === 2);
    expect(forArticle(target, one.id)[1]?.id).toBe(forArticle(target, one.id)[0]?.id);

    // A range: after the cursor before `one` up to `two`'s (editors may replay too).
    const [first] = forArticle(target, one.id);
    const [second] = forArticle(target, two.id);
    const before = Buffer.from(JSON.stringify([String(Number(first?.id.slice(4)) - 1)])).toString(
      'base64url',
    );
    const replayed = await ok<{ replayWebhookDeliveries: { queued: number } }>(editor, REPLAY, {
      endpointId: endpoint.id,
      after: before,
      to: second?.payload.data.cursor,
    });
    expect(replayed.replayWebhookDeliveries.queued).toBeGreaterThanOrEqual(2);
    await target.until(() => forArticle(target, two.id).length === 2);
    expect(forArticle(target, two.id)[1]?.id).toBe(second?.id);
  });

  it('signs with the old and the new secret during a rotation', async () => {
    const target = await receiver();
    const { endpoint, secret: old } = await register(hanoimoi, target);
    const { rotateWebhookSecret } = await ok<{
      rotateWebhookSecret: {
        secret: string;
        endpoint: { secrets: { prefix: string; expiresAt: string | null }[] };
      };
    }>(
      hanoimoi,
      gql`mutation ($id: ID!) { rotateWebhookSecret(id: $id, keepPreviousForHours: 1) { secret endpoint { secrets { prefix expiresAt } } } }`,
      {
        id: endpoint.id,
      },
    );
    expect(rotateWebhookSecret.endpoint.secrets).toHaveLength(2);
    expect(rotateWebhookSecret.endpoint.secrets[1]?.expiresAt).toBeNull();
    target.verifyWith(old, rotateWebhookSecret.secret);
    const article = await publish(await create('doi-khoa-ky'));
    await target.until(() => forArticle(target, article.id).length === 1);
    const [message] = forArticle(target, article.id);
    expect(message?.signature.split(' ')).toHaveLength(2);
    expect(message?.verified).toBe(true);
  });

  it('shares one sequence with the feed: a partner switches transport at any cursor without a gap or a duplicate', async () => {
    // Feed first, up to a cursor…
    const before = await publish(await create('chuyen-kenh-truoc'));
    const read = await feed(radio, null);
    expect(read.items.map((item) => item.articleId)).toContain(before.id);
    // …then webhooks from that cursor: the changes made while switching are not lost.
    const between = await publish(await create('chuyen-kenh-giua'));
    const target = await receiver();
    await register(radio, target, { after: read.cursor });
    await target.until(() => forArticle(target, between.id).length === 1);
    expect(forArticle(target, before.id)).toEqual([]);
    const after = await publish(await create('chuyen-kenh-sau'));
    await target.until(() => forArticle(target, after.id).length === 1);
    // …and back to the feed from the last cursor received: nothing again, then the next change, same id.
    const last = target.changes().at(-1);
    expect((await feed(radio, last?.payload.data.cursor ?? null)).items).toEqual([]);
    const next = await publish(await create('chuyen-kenh-cuoi'));
    await target.until(() => forArticle(target, next.id).length === 1);
    const items = (await feed(radio, last?.payload.data.cursor ?? null)).items;
    expect(items.map((item) => item.id)).toEqual([forArticle(target, next.id)[0]?.id]);
  });
});

describe('Atom feeds and public article pages', () => {
  it("moves the feed's updated with its newest change, links entries to public pages, and writes tombstones", async () => {
    const { campaigns } = await ok<{ campaigns: { nodes: { id: string; feedUrl: string }[] } }>(
      graph.client,
      gql`{ campaigns { nodes { id feedUrl } } }`,
    );
    const campaign = campaigns.nodes[0];
    const atomUrl = `${graph.hub.gatewayOrigin}${campaign?.feedUrl}`;
    const updatedOf = (xml: string) => xml.match(/<feed[\s\S]*?<updated>([^<]+)<\/updated>/)?.[1] ?? '';
    const before = updatedOf(await (await fetch(atomUrl)).text());

    const article = await publish(await create('trang-cong-khai', { campaignIds: [campaign?.id] }));
    const xml = await (await fetch(atomUrl)).text();
    expect(Date.parse(updatedOf(xml))).toBeGreaterThan(Date.parse(before));
    const page = `${graph.hub.gatewayOrigin}/articles/trang-cong-khai`;
    expect(xml).toContain(`<link href="${page}"/>`);

    // The page itself: server-rendered, in the article's language, no script, cacheable.
    const answer = await fetch(page);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
    const html = await answer.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain(`<h1>${ARTICLE.headline}</h1>`);
    expect(html).not.toMatch(/<script/i);
    // ninjs points to the same page.
    const { article: read } = await ok<{
      article: { ninjs: { renditions: { name: string; href: string }[] } };
    }>(graph.client, gql`{ article(slug: "trang-cong-khai") { ninjs } }`);
    expect(read.ninjs.renditions).toEqual([
      expect.objectContaining({ name: 'web', href: expect.stringMatching(/\/articles\/trang-cong-khai$/) }),
    ]);

    await ok(editor, WITHDRAW, article);
    const afterWithdrawal = await (await fetch(atomUrl)).text();
    expect(afterWithdrawal).toContain('xmlns:at="http://purl.org/atompub/tombstones/1.0"');
    expect(afterWithdrawal).toMatch(
      new RegExp(`<at:deleted-entry ref="urn:motcua:article:${article.id}" when="[^"]+">`),
    );
    expect(afterWithdrawal).not.toContain(`<link href="${page}"/>`);
    expect(Date.parse(updatedOf(afterWithdrawal))).toBeGreaterThan(Date.parse(updatedOf(xml)));
    expect((await fetch(page)).status).toBe(404);
  });
});

describe('the partner feed keeps 90 days of changes', () => {
  it('reads on from an old change still in the log, refuses a forgotten one with CURSOR_EXPIRED, and a cursor that is not one with BAD_USER_INPUT', async () => {
    const article = await publish(await create('con-tro-qua-cu'));
    const { items } = await feed(radio, null);
    const item = items.find((entry) => entry.articleId === article.id);
    const seq = Number(item?.id.slice('chg_'.length));
    const sql = async (text: string, values: unknown[]) => {
      const client = new pg.Client({ connectionString: graph.databaseUrl });
      await client.connect();
      try {
        await client.query(text, values);
      } finally {
        await client.end();
      }
    };
    // Older than the window but still the article's latest change: the log keeps it, so a partner reading from the
    // start of a log older than the window goes on past it (the second page's cursor points at such a change).
    await sql(`update news.article_change set changed_at = now() - interval '91 days' where seq = $1`, [seq]);
    const next = await publish(await create('sau-con-tro-cu'));
    const after = await feed(radio, item?.cursor ?? null);
    expect(after.items.map((entry) => entry.articleId)).toEqual([next.id]);

    // Superseded by a newer change, then forgotten as the hourly pruning forgets it: the position is gone.
    await ok(editor, UPDATE, {
      ...article,
      input: { ...ARTICLE, slug: 'con-tro-qua-cu', headline: 'Bản mới' },
    });
    await sql('delete from news.article_change where seq = $1', [seq]);
    const refused = await radio.rawRequest(FEED, { after: item?.cursor }).catch(refusal);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /a change the feed has forgotten \(it keeps 90 days of changes\): start again without `after`/,
      ),
      extensions: { code: 'CURSOR_EXPIRED', retentionDays: 90 },
    });
    for (const forged of [
      Buffer.from('["nan"]').toString('base64url'),
      Buffer.from('["1e309"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
      'not-a-cursor',
    ]) {
      // Refused by the subgraph, or already by the gateway (a cursor not shaped as the hub's) as an HTTP 400.
      const answer = await radio
        .rawRequest(FEED, { after: forged })
        .catch((error: ClientError) => error.response);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // From the beginning, the article is there.
    expect((await feed(radio, null)).items.map((entry) => entry.articleId)).toContain(article.id);
  });
});

async function waitFor(test: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > until) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
