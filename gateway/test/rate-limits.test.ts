import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  clientNetwork,
  createRateLimiter,
  type RateAllowances,
  type RateLimiter,
} from '../src/rate-limits.ts';
import { type StubbedGateway, startStubbedGateway } from './support/stubbed-gateway.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Small allowances so a test reaches them in a few requests; a minute's window so none resets during a test.
const allowances: RateAllowances = {
  windowSeconds: 60,
  perIp: 6,
  perKey: { PARTNER: 2, ANALYST: 4, EDITOR: 4, DATA_OFFICER: 4, ADMIN: 4 },
};

const limiters: RateLimiter[] = [];
const limiter = async (redisUrl?: string, keyPrefix = `test:${randomUUID()}`) => {
  const created = await createRateLimiter({ allowances, redisUrl, keyPrefix });
  limiters.push(created);
  return created;
};

afterAll(async () => {
  await Promise.all(limiters.map((created) => created.close()));
});

async function allowedInARow(check: () => Promise<{ allowed: boolean }>): Promise<number> {
  let allowed = 0;
  while ((await check()).allowed) allowed += 1;
  return allowed;
}

describe.each([
  ['in memory', undefined],
  ['in Redis', REDIS_URL],
])('rate limits %s', (_, redisUrl) => {
  it("gives each key its role's allowance, keys apart", async () => {
    const limits = await limiter(redisUrl);
    expect(await allowedInARow(() => limits.checkKey('PARTNER', 'partner:a'))).toBe(2);
    expect(await allowedInARow(() => limits.checkKey('ANALYST', 'analyst:b'))).toBe(4);
    expect((await limits.checkKey('PARTNER', 'partner:c')).allowed).toBe(true);
  });

  it('refuses a key over its allowance with the time to wait, within the window', async () => {
    const limits = await limiter(redisUrl);
    await allowedInARow(() => limits.checkKey('PARTNER', 'partner:a'));
    const refused = await limits.checkKey('PARTNER', 'partner:a');
    expect(refused).toMatchObject({ allowed: false, refusedBy: 'key', limit: 2, remaining: 0 });
    expect(refused.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.resetSeconds).toBeLessThanOrEqual(allowances.windowSeconds);
  });

  it('limits every request per IP, whoever calls', async () => {
    const limits = await limiter(redisUrl);
    const ip = '10.0.0.9';
    expect(await allowedInARow(() => limits.checkIp(ip))).toBe(allowances.perIp);
    expect(await limits.checkIp(ip)).toMatchObject({
      allowed: false,
      refusedBy: 'ip',
      limit: allowances.perIp,
    });
    expect((await limits.checkIp('10.0.0.10')).allowed).toBe(true);
  });
});

describe('rate limits in Redis', () => {
  it('are shared by every gateway instance on the same Redis', async () => {
    const keyPrefix = `test:${randomUUID()}`;
    const [first, second] = [await limiter(REDIS_URL, keyPrefix), await limiter(REDIS_URL, keyPrefix)];
    expect((await first.checkKey('PARTNER', 'partner:a')).allowed).toBe(true);
    expect((await second.checkKey('PARTNER', 'partner:a')).allowed).toBe(true);
    expect(await first.checkKey('PARTNER', 'partner:a')).toMatchObject({
      allowed: false,
      refusedBy: 'key',
    });
  });
});

describe('rate limits of the gateway, for anonymous callers', () => {
  let gateway: StubbedGateway;

  beforeAll(async () => {
    gateway = await startStubbedGateway(
      { serviceFields: [] },
      {},
      { rateAllowances: { ...allowances, perIp: 3 } },
    );
  });

  afterAll(() => gateway.stop());

  const query = () =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceFields { code } }' }),
    });

  it('answers within the allowance, saying what is left, then refuses with 429 and when to retry', async () => {
    const remaining: (string | null)[] = [];
    for (let request = 0; request < 3; request++) {
      const response = await query();
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    gateway.subgraphCalls.count = 0;
    const refused = await query();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(allowances.windowSeconds);
    const body = (await refused.json()) as {
      errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[];
    };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(body.errors[0]?.message).toContain(`retry in ${retryAfter} s`);
    expect(gateway.subgraphCalls.count).toBe(0);

    // Counted before credentials are checked: guessing keys or tokens from this address is refused too.
    const guess = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer guessed-token' },
      body: JSON.stringify({ query: '{ serviceFields { code } }' }),
    });
    expect(guess.status).toBe(429);

    // The same address is refused its feeds too: they count against the same allowance.
    const feed = await fetch(`${gateway.origin}/feeds/campaigns/${randomUUID()}.atom`);
    expect(feed.status).toBe(429);
    expect(feed.headers.get('retry-after')).not.toBeNull();
  });
});

describe('the address a client is counted by', () => {
  it('is its IPv4 address, or the /64 of its IPv6 address, however it is written', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:85a3:0:1:2:3:4')).toBe('2001:db8:85a3:0::/64');
    expect(clientNetwork('2001:db8:85a3::9')).toBe(clientNetwork('2001:db8:85a3:0:ffff:ffff:ffff:ffff'));
    expect(clientNetwork('2001:db8:85a4::9')).not.toBe(clientNetwork('2001:db8:85a3::9'));
  });
});
