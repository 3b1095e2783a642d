import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@motcua/testkit';
import { type Balancer, startRoundRobin } from '../support/round-robin.ts';
import { headersOf, type Persona } from '../support/test-hub.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';
import { type Part, type PartName, part } from './support/parts.ts';

// Stateless replicas (issue 17): two gateways and two instances of each subgraph, each its own process, behind
// round-robin balancers on loopback, sharing nothing but PostgreSQL (a database of the test's own on the shared
// server) and Redis. What one instance does, the other sees at once: rate limit counts, a revoked key, the feed's
// order, webhook deliveries (each sent once, though both news instances run a delivery worker).
const SUBGRAPHS = ['services', 'statistics', 'news', 'access'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
/** The parts this test runs twice: the whole hub in one process is not one of them. */
type Replicated = Exclude<PartName, 'hub'>;
/** The balancers on 5360–5364, the instances from 5365 on (this test's share of the ports, not the faults test's). */
const BALANCER_PORTS: Record<Replicated, number> = {
  gateway: 5360,
  services: 5361,
  statistics: 5362,
  news: 5363,
  access: 5364,
};
const instancePort = (name: Replicated, replica: 0 | 1) =>
  5365 + 2 * Object.keys(BALANCER_PORTS).indexOf(name) + replica;
const PER_IP = 20;

let database: TestDatabase;
const instances: Part[] = [];
const balancers = {} as Record<Replicated, Balancer>;
const receivers: Receiver[] = [];
const gateways = [0, 1].map((replica) => `http://127.0.0.1:${instancePort('gateway', replica as 0 | 1)}`);

beforeAll(async () => {
  database = await createTestDatabase({ prefix: 'scale_replicas' });
  for (const name of Object.keys(BALANCER_PORTS) as Replicated[]) {
    balancers[name] = await startRoundRobin(
      [0, 1].map((replica) => `http://127.0.0.1:${instancePort(name, replica as 0 | 1)}`),
      BALANCER_PORTS[name],
    );
  }
  const urlOf = (name: Subgraph) => `${balancers[name].url}/${name}/graphql`;
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SERVICES_URL: urlOf('services'),
    STATISTICS_URL: urlOf('statistics'),
    NEWS_URL: urlOf('news'),
    ACCESS_URL: urlOf('access'),
    REDIS_URL: 'redis://127.0.0.1:6379',
    RATE_LIMIT_KEY_PREFIX: `scale-replicas-${randomBytes(4).toString('hex')}`,
    RATE_LIMIT_PER_IP: String(PER_IP),
    // Behind the balancer the gateway names the client by X-Forwarded-For, as in a deployment behind one.
    TRUST_PROXY_HOPS: '1',
    WEBHOOK_RETRY_SCHEDULE: '200ms,300ms,400ms',
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_TIMEOUT_MS: '1500',
  };
  const start = async (names: readonly Replicated[], replica: 0 | 1) => {
    // Ten processes starting on a shared machine: more time than one part alone is given.
    const started = names.map((name) =>
      part(name, instancePort(name, replica), env, { startTimeoutMs: 300_000 }),
    );
    instances.push(...started);
    await Promise.all(started.map((one) => one.start()));
  };
  // The first instance of each subgraph migrates and seeds its schema; the second finds it done.
  await start(SUBGRAPHS, 0);
  await start(SUBGRAPHS, 1);
  await start(['gateway'], 0);
  await start(['gateway'], 1);
}, 600_000);

afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
  await Promise.all(instances.map((one) => one.kill()));
  await Promise.all(Object.values(balancers).map((balancer) => balancer.close()));
  await database?.drop();
}, 60_000);

let addresses = 0;
/**
 * A client as the balancer names it to the gateway; each request from another documentation address (RFC 5737), so
 * that only the rate limit test, which names one address, meets the small per-IP allowance.
 */
const clientAddress = () => `203.0.113.${(addresses++ % 250) + 1}`;

type Answer<T> = {
  status: number;
  /** What the gateway's response cache did (`x-cache`): hit, miss or bypass. */
  cache: string | null;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
};

async function ask<T = Record<string, unknown>>(
  origin: string,
  query: string,
  { variables, as = 'PUBLIC', headers = {} }: { variables?: object; as?: Persona; headers?: object } = {},
): Promise<Answer<T>> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': clientAddress(),
      ...(await headersOf(as)),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<Answer<T>, 'status' | 'cache'>;
  return { status: response.status, cache: response.headers.get('x-cache'), ...body };
}

async function ok<T>(origin: string, query: string, options: Parameters<typeof ask>[2] = {}): Promise<T> {
  const answer = await ask<T>(origin, query, options);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

const lb = () => balancers.gateway.url;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service page over the months from `from`: each one another answer, which the cache cannot give. */
const servicePage = (from: string) =>
  `{ service(code: "1.001193") { name usage(from: "${from}", to: "2025-12") { received } articles { totalCount } } }`;

describe('two of every part behind balancers, sharing PostgreSQL and Redis', () => {
  it('answers whole service pages through the balancers, every instance taking its share', async () => {
    const before = Object.fromEntries(
      Object.entries(balancers).map(([name, balancer]) => [name, balancer.served()]),
    );
    // Eight different pages: answers from the gateways' shared cache would reach no subgraph.
    for (let i = 0; i < 8; i += 1) {
      const { service } = await ok<{ service: { usage: unknown; articles: unknown } }>(
        lb(),
        servicePage(`2025-0${i + 1}`),
      );
      expect(service.usage).toBeTruthy();
      expect(service.articles).toBeTruthy();
    }
    // The page reads services, statistics and news: each of their instances, and each gateway, answered some.
    for (const name of ['gateway', 'services', 'statistics', 'news'] as const) {
      const served = balancers[name].served().map((count, i) => count - (before[name]?.[i] ?? 0));
      expect(served.every((count) => count > 0)).toBe(true);
    }
  });

  it('shares the rate limit counts: a client refused by one gateway is refused by the other', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const statuses: { gateway: number; status: number }[] = [];
    // Alternately to each gateway, directly: counted alone, each would allow PER_IP, twice as many in all.
    for (let i = 0; i < PER_IP + 10; i += 1) {
      const gateway = i % 2;
      const { status } = await ask(gateways[gateway] as string, '{ __typename }', { headers: from });
      statuses.push({ gateway, status });
    }
    expect(statuses.filter((one) => one.status === 200)).toHaveLength(PER_IP);
    const refused = statuses.filter((one) => one.status === 429);
    expect(refused).toHaveLength(10);
    expect(new Set(refused.map((one) => one.gateway))).toEqual(new Set([0, 1]));
    // Another client is not refused: the counts are per address.
    expect((await ask(gateways[1] as string, '{ __typename }')).status).toBe(200);
  });

  it('refuses a key revoked through one gateway on the other at once', async () => {
    const [a, b] = gateways as [string, string];
    const { createApiKey } = await ok<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      a,
      'mutation { createApiKey(input: { owner: "Replica test", role: ANALYST }) { secret apiKey { id } } }',
      { as: 'ADMIN' },
    );
    const withKey = { 'x-api-key': createApiKey.secret };
    expect((await ask(b, '{ __typename }', { headers: withKey })).status).toBe(200);
    await ok(a, `mutation { revokeApiKey(id: "${createApiKey.apiKey.id}") { revokedAt } }`, { as: 'ADMIN' });
    for (const gateway of [b, a, b]) {
      const refused = await ask(gateway, '{ __typename }', { headers: withKey });
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  const ARTICLE = {
    bodyHtml: '<p>Hướng dẫn <strong>đăng ký</strong> khai sinh qua mạng.</p>',
    language: 'VI',
    kind: 'NEWS',
    copyrightHolder: 'Thành phố Hà Nội',
    licence: 'MOTCUA-PRESS',
  };
  /** Creates and publishes an article through `origin`, as an editor. */
  async function published(origin: string, slug: string) {
    const { createArticle } = await ok<{ createArticle: { id: string; version: number } }>(
      origin,
      'mutation ($input: ArticleInput!) { createArticle(input: $input) { id version } }',
      { as: 'EDITOR', variables: { input: { ...ARTICLE, headline: `Bài ${slug}`, slug } } },
    );
    await ok(
      origin,
      'mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { id } }',
      { as: 'EDITOR', variables: createArticle },
    );
    return createArticle.id;
  }

  type FeedPage = {
    partnerFeed: { cursor: string | null; hasMore: boolean; items: { cursor: string; articleId: string }[] };
  };
  async function feedAfter(cursor: string | null) {
    const items: { cursor: string; articleId: string }[] = [];
    let after = cursor;
    for (;;) {
      const { partnerFeed } = await ok<FeedPage>(
        lb(),
        'query ($after: String) { partnerFeed(after: $after, first: 100) { cursor hasMore items { cursor articleId } } }',
        { as: 'PARTNER', variables: { after } },
      );
      items.push(...partnerFeed.items);
      after = partnerFeed.cursor;
      if (!partnerFeed.hasMore) return { items, cursor: after };
    }
  }

  it('keeps the partner feed in commit order across both news instances: a reader following it misses nothing', async () => {
    const start = (await feedAfter(null)).cursor;
    // Two writers, each through its own gateway, while a partner follows the feed through the balancer.
    let writing = true;
    const written: string[] = [];
    const writers = (gateways as string[]).map(async (gateway, writer) => {
      for (let i = 0; i < 5; i += 1) written.push(await published(gateway, `feed-${writer}-${i}`));
    });
    const followed: string[] = [];
    const follower = (async () => {
      let cursor = start;
      for (;;) {
        // A read begun once the writers are done sees every change: the follower's last.
        const last = !writing;
        const page = await feedAfter(cursor);
        followed.push(...page.items.map((item) => item.articleId));
        cursor = page.cursor;
        if (last) return;
        await sleep(30);
      }
    })();
    await Promise.all(writers);
    writing = false;
    await follower;
    const whole = await feedAfter(start);
    // Each published article is one change; what the follower saw piece by piece is the feed read at once.
    expect(new Set(whole.items.map((item) => item.articleId))).toEqual(new Set(written));
    expect(followed).toEqual(whole.items.map((item) => item.articleId));
    expect(new Set(whole.items.map((item) => item.cursor)).size).toBe(whole.items.length);
  });

  it('sends each webhook once though both news instances run a delivery worker', async () => {
    const target = await startReceiver();
    receivers.push(target);
    const { registerWebhookEndpoint } = await ok<{ registerWebhookEndpoint: { secret: string } }>(
      lb(),
      'mutation ($input: WebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
      { as: 'PARTNER', variables: { input: { url: target.url } } },
    );
    target.verifyWith(registerWebhookEndpoint.secret);
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) => published(gateways[i % 2] as string, `webhook-${i}`)),
    );
    const changes = () => target.received.filter((message) => message.payload.type !== 'webhook.ping');
    await target.until(() => ids.every((id) => changes().some((m) => m.payload.data.articleId === id)));
    // A moment more for a second send of any of them, had both workers taken the same delivery.
    await sleep(1_000);
    const sent = changes().map((message) => message.id);
    expect(sent).toHaveLength(ids.length);
    expect(new Set(sent).size).toBe(ids.length);
    expect(changes().every((message) => message.verified)).toBe(true);
  });

  it('drops the cached answer on both gateways: an article changed through one reads changed through both at once', async () => {
    const id = await published(lb(), 'no-stale-copy');
    const read = `{ article(id: "${id}") { headline version } }`;
    // Read through both first: the answer is now in the cache the gateways share, and each finds it there.
    await ok(gateways[0] as string, read);
    for (const gateway of gateways) expect((await ask(gateway, read)).cache).toBe('hit');
    const { article } = await ok<{ article: { version: number } }>(gateways[0] as string, read);
    await ok(
      gateways[0] as string,
      'mutation ($id: ID!, $version: Int!, $input: ArticleInput!) { updateArticle(id: $id, version: $version, input: $input) { id } }',
      {
        as: 'EDITOR',
        variables: {
          id,
          version: article.version,
          input: { ...ARTICLE, headline: 'Đã sửa', slug: 'no-stale-copy' },
        },
      },
    );
    const [a, b] = gateways as [string, string];
    for (const gateway of [b, a, b, a]) {
      const { article: now } = await ok<{ article: { headline: string } }>(gateway, read);
      expect(now.headline).toBe('Đã sửa');
    }
    // And the new answer is kept in turn, for both.
    for (const gateway of [b, a]) expect((await ask(gateway, read)).cache).toBe('hit');
  });
});
