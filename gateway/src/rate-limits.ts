import { refuse } from '@motcua/errors';
import { logger } from '@motcua/observability';
import type { Caller, Role } from '@motcua/roles';
import type { NextFunction, RequestHandler, Response } from 'express';
import { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/** Anonymous callers have no key: the per-IP allowance is theirs. */
type KeyedRole = Exclude<Role, 'PUBLIC'>;

/** Requests allowed per window: for every client IP, and for each caller's key by role. */
export type RateAllowances = { windowSeconds: number; perIp: number; perKey: Record<KeyedRole, number> };

/**
 * Per minute. The IP allowance is the outer bound for everyone, anonymous or not: 20 requests a second leave room
 * for an office behind one NAT address or a portal rendering pages on its server. A key's allowance follows what
 * its holder needs: partners page their feed, staff and analysts run reports, possibly from several addresses.
 */
export const RATE_ALLOWANCES: RateAllowances = {
  windowSeconds: 60,
  perIp: 1_200,
  perKey: { PARTNER: 600, ANALYST: 1_200, EDITOR: 1_200, DATA_OFFICER: 1_200, ADMIN: 1_200 },
};

export type RateDecision = {
  allowed: boolean;
  /** What the tightest of the limits that apply allows, has left and when it starts afresh. */
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** Which limit refused the request, when one did. */
  refusedBy?: 'ip' | 'key';
};

export type RateLimiter = {
  windowSeconds: number;
  /** Counts a request against its client's address: every request, before its credentials are even checked. */
  checkIp: (ip: string) => Promise<RateDecision>;
  /** Counts a request against its caller's key, with the allowance of the caller's role. */
  checkKey: (role: KeyedRole, rateKey: string) => Promise<RateDecision>;
  close: () => Promise<void>;
};

export type RateLimiterOptions = {
  allowances: RateAllowances;
  /** Counts shared by every gateway instance in Redis; each instance counts alone in memory without it. */
  redisUrl?: string;
  /** Where the counts live in Redis, so that two deployments (or test runs) on one Redis do not share them. */
  keyPrefix?: string;
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export async function createRateLimiter({
  allowances,
  redisUrl,
  keyPrefix = 'motcua:rate',
}: RateLimiterOptions): Promise<RateLimiter> {
  // Offline queue off: while Redis is unreachable a count fails at once and the in-memory insurance limiter
  // takes over, instead of requests waiting for a reconnection.
  const redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: true }) : undefined;
  redis?.on('error', (error) =>
    logger.warn({ err: error }, 'rate limits: Redis unreachable, counting in memory'),
  );
  // Connected before the first request, so counts are shared from the start; a Redis that is down does not stop
  // the gateway (the client keeps reconnecting, and counts stay in memory meanwhile).
  await redis?.connect().catch(() => {});
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const duration = allowances.windowSeconds;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${name}` });
    return redis
      ? new RateLimiterRedis({
          storeClient: redis,
          points,
          duration,
          keyPrefix: `${keyPrefix}:${name}`,
          insuranceLimiter: memory,
        })
      : memory;
  };
  const perIp = limiter('ip', allowances.perIp);
  const perKey = Object.fromEntries(
    Object.entries(allowances.perKey).map(([role, points]) => [role, limiter(`key:${role}`, points)]),
  ) as Record<KeyedRole, RateLimiterAbstract>;

  const consume = async (rateLimiter: RateLimiterAbstract, key: string) => {
    try {
      return { allowed: true, result: await rateLimiter.consume(key) };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { allowed: false, result: refusal };
      throw refusal;
    }
  };
  const decision = (
    rateLimiter: RateLimiterAbstract,
    { allowed, result }: { allowed: boolean; result: RateLimiterRes },
  ): RateDecision => ({
    allowed,
    limit: rateLimiter.points,
    remaining: result.remainingPoints,
    resetSeconds: seconds(result.msBeforeNext),
  });

  return {
    windowSeconds: allowances.windowSeconds,
    async checkIp(ip) {
      const byIp = decision(perIp, await consume(perIp, ip));
      return byIp.allowed ? byIp : { ...byIp, refusedBy: 'ip' };
    },
    async checkKey(role, rateKey) {
      const keyLimiter = perKey[role];
      const byKey = decision(keyLimiter, await consume(keyLimiter, rateKey));
      return byKey.allowed ? byKey : { ...byKey, refusedBy: 'key' };
    },
    async close() {
      redis?.disconnect();
    },
  };
}

export const RATE_LIMIT_HEADERS = [
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/**
 * What the per-IP allowance counts: an IPv4 address, or the /64 an IPv6 address belongs to, since one subscriber
 * holds a whole /64 and could otherwise change address for every request.
 */
export function clientNetwork(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}

/** Whose allowance a request draws on: its API key, or the staff member a token names; anonymous callers, none. */
export const rateKeyOf = (caller: Caller): string | null =>
  caller.keyId ? `key:${caller.keyId}` : caller.subject ? `subject:${caller.subject}` : null;

/**
 * Two Express middlewares around authentication: `byIp` before it, so guessing keys or tokens is limited too,
 * and `byKey` after it (`res.locals.caller`). A refused request gets HTTP 429, `Retry-After` and a GraphQL-shaped
 * body, so GraphQL clients and feed readers alike learn when to come back; answers carry the `RateLimit-*` headers
 * of the tighter of the two limits.
 */
export function rateLimitMiddlewares(limiter: RateLimiter): { byIp: RequestHandler; byKey: RequestHandler } {
  const apply = (decision: RateDecision, res: Response, next: NextFunction) => {
    const tighter = Number(res.get('RateLimit-Remaining') ?? Number.POSITIVE_INFINITY) < decision.remaining;
    if (decision.allowed && tighter) return next();
    res.set({
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(Math.max(0, decision.remaining)),
      'RateLimit-Reset': String(decision.resetSeconds),
    });
    if (decision.allowed) return next();
    const retryAfterSeconds = decision.resetSeconds;
    const who = decision.refusedBy === 'key' ? 'for this key' : 'from this address';
    res.set('Retry-After', String(retryAfterSeconds));
    refuse(
      res,
      429,
      'RATE_LIMITED',
      `Too many requests ${who} (${decision.limit} per ${limiter.windowSeconds} s): retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  };
  return {
    byIp: async (req, res, next) =>
      apply(await limiter.checkIp(clientNetwork(req.ip ?? req.socket.remoteAddress ?? 'unknown')), res, next),
    byKey: async (_req, res, next) => {
      const caller = res.locals.caller as Caller;
      const rateKey = rateKeyOf(caller);
      if (rateKey === null || caller.role === 'PUBLIC') return next();
      apply(await limiter.checkKey(caller.role, rateKey), res, next);
    },
  };
}
