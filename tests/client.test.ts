import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createMotcuaClient,
  type FeedItem,
  memoryCursorStore,
  verifyWebhook,
  WebhookVerificationError,
} from '@motcua/client';
import { ClientError } from 'graphql-request';
import { Webhook } from 'standardwebhooks';
import { headersOf, startTestHub, type TestHub } from './support/test-hub.ts';

// packages/client against the whole hub: the typed operations a portal, an analyst and a media partner run, so
// that the client cannot drift from the gateway's public schema.
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
});

afterAll(async () => {
  await graph?.stop();
});

const clientAs = async (persona: Parameters<typeof headersOf>[0]) =>
  createMotcuaClient({ url: graph.hub.url, headers: await headersOf(persona) });

describe('a portal', () => {
  it('gets a service page in one call: the procedure, where it is online, its usage, trend and articles', async () => {
    const portal = createMotcuaClient({ url: graph.hub.url });
    const { service, usageSeries } = await portal.servicePage('1.001193', { from: '2025-07', to: '2025-12' });
    expect(service).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      onlineLevel: 'FULL',
    });
    expect(service?.documents.length).toBeGreaterThan(0);
    expect(service?.coverage.offeredOnline).toBeGreaterThan(0);
    expect(service?.usage?.received).toBeGreaterThan(0);
    expect(service?.articles?.nodes.length).toBeGreaterThan(0);
    expect(usageSeries.map((point) => point.period)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
  });

  it('reads the page in English, and is told NOT_FOUND for an unknown code', async () => {
    const portal = createMotcuaClient({ url: graph.hub.url });
    const english = await portal.servicePage('1.001193', { from: '2025-07', to: '2025-07' }, 'EN');
    expect(english.service?.name).toMatch(/birth/i);
    const unknown = await portal
      .servicePage('9.999999', { from: '2025-07', to: '2025-07' })
      .catch((error: unknown) => error);
    expect((unknown as ClientError).response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a media partner', () => {
  it('pages through the feed from a stored cursor: every change once, and nothing again on the next run', async () => {
    const partner = await clientAs('PARTNER');
    const everything = await partner.partnerFeedPage(undefined, 100);
    expect(everything.items.length).toBeGreaterThan(2);

    const store = memoryCursorStore();
    const received: FeedItem[] = [];
    const handled = await partner.syncPartnerFeed(store, (items) => void received.push(...items), {
      pageSize: 2,
    });
    expect(handled).toBe(everything.items.length);
    expect(received.map((item) => item.cursor)).toEqual(everything.items.map((item) => item.cursor));
    expect(store.cursor).toBe(everything.cursor);
    expect(await partner.syncPartnerFeed(store, () => undefined)).toBe(0);
  });

  it('resumes at the page it did not finish when handling fails half-way', async () => {
    const partner = await clientAs('PARTNER');
    const store = memoryCursorStore();
    let pages = 0;
    await expect(
      partner.syncPartnerFeed(
        store,
        () => {
          pages += 1;
          if (pages === 2) throw new Error('the partner’s database is down');
        },
        { pageSize: 1 },
      ),
    ).rejects.toThrow('down');
    const first = await partner.partnerFeedPage(undefined, 1);
    expect(store.cursor).toBe(first.cursor);
  });

  it('is refused the feed without a partner key', async () => {
    const anonymous = createMotcuaClient({ url: graph.hub.url });
    const refused = await anonymous.partnerFeedPage().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('verifies a webhook signed to the Standard Webhooks scheme, and refuses a tampered one', () => {
    const secret = `whsec_${Buffer.from('motcua-test-webhook-secret-0000').toString('base64')}`;
    const body = JSON.stringify({ type: 'feed.changed', cursor: 'abc' });
    const id = 'msg_2026';
    const timestamp = new Date();
    const headers = {
      'Webhook-Id': id,
      'Webhook-Timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'Webhook-Signature': new Webhook(secret).sign(id, timestamp, body),
    };
    expect(verifyWebhook(secret, body, headers)).toEqual({ type: 'feed.changed', cursor: 'abc' });
    expect(() => verifyWebhook(secret, body.replace('abc', 'abd'), headers)).toThrow(
      WebhookVerificationError,
    );
  });
});

describe('an analyst', () => {
  it('downloads the series and a breakdown as CSV', async () => {
    const analyst = await clientAs('ANALYST');
    const series = await analyst.downloadCsv({
      kind: 'series',
      granularity: 'QUARTER',
      from: '2025-07',
      to: '2025-12',
    });
    const [header, ...rows] = series.trim().split('\n');
    expect(header).toMatch(/^period,received,/);
    expect(rows).toHaveLength(2);
    const breakdown = await analyst.downloadCsv({
      kind: 'breakdown',
      by: 'CHANNEL',
      from: '2025-07',
      to: '2025-12',
    });
    expect(breakdown.split('\n')[0]).toMatch(/^key,/);
  });

  it('is refused the exports without the scope', async () => {
    const anonymous = createMotcuaClient({ url: graph.hub.url });
    const refused = await anonymous
      .downloadCsv({ kind: 'series', granularity: 'MONTH', from: '2025-07', to: '2025-12' })
      .catch((error: unknown) => error);
    expect((refused as ClientError).response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
