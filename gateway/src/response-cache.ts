import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { logger } from '@motcua/observability';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { type DataVersions, watchDataVersions } from './data-versions.ts';
import type { Metrics } from './observability.ts';
import type { GatewayContext } from './subgraph-data-source.ts';
import { subgraphReach } from './subgraph-reach.ts';

/** What a gateway keeps of anonymous answers: in memory, the most bytes (of JSON) it holds. */
const MEMORY_BYTES = 64 * 1024 * 1024;
/** An answer larger than this is not kept: a few huge pages would push out the many small ones. */
const MAX_ENTRY_BYTES = 1024 * 1024;
const KEY_PREFIX = 'motcua:response-cache:';

export const CACHE_STATUS_HEADER = 'x-cache';

export type ResponseCache = {
  plugins: ApolloServerPlugin<GatewayContext>[];
  stop: () => Promise<void>;
};

/**
 * Redis as Apollo's key-value cache, shared by every gateway instance. A Redis that is down or slow is a miss, never
 * an error: the answer is computed as without the cache (the offline queue is off, so nothing waits for Redis).
 */
function redisCache(redis: Redis): KeyValueCache<string> {
  return {
    get: async (key) => (await redis.get(KEY_PREFIX + key).catch(() => null)) ?? undefined,
    set: async (key, value, options) => {
      if (value.length > MAX_ENTRY_BYTES) return;
      const ttl = options?.ttl;
      // Apollo writes with the answer's max-age; an answer with none is never written (see the plugin).
      if (ttl) await redis.set(KEY_PREFIX + key, value, 'EX', Math.ceil(ttl));
    },
    delete: async (key) => (await redis.del(KEY_PREFIX + key)) > 0,
  };
}

const anonymous = (context: GatewayContext) =>
  context.caller.role === 'PUBLIC' && context.caller.keyId === null && context.caller.subject === null;

/**
 * An answer computed for a caller with credentials is theirs: no cache between them and the gateway (a browser's
 * shared cache, a CDN in front of `GET /graphql`) may keep it, whatever the hints of the data it holds. On whether
 * or not the response cache is: without this, Apollo would send the hints' `max-age=…, public`.
 */
export function privateAnswersPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          if (!anonymous(requestContext.contextValue))
            requestContext.response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

const isQuery = (requestContext: GraphQLRequestContext<GatewayContext>) =>
  requestContext.operation?.operation === 'query';

/**
 * The response cache of the gateway (issue 11): whole answers to anonymous queries, for as long as the subgraphs'
 * cache hints allow (`@cacheControl` in their SDL, sent to the gateway as Cache-Control headers), keyed by the
 * query, its variables and the versions of the public data of the subgraphs it reaches (`watchDataVersions`,
 * `subgraphReach`), so that an answer is never found once a change it may hold has committed. In Redis when `redisUrl` is given (shared by every instance),
 * in a bounded in-process LRU otherwise. Callers with credentials are never served from it nor written to it: what
 * they see may be theirs alone. Every query's answer says what happened in `x-cache` (hit, miss, bypass).
 */
export async function createResponseCache({
  databaseUrl,
  redisUrl,
  metrics,
  supergraphSdl,
}: {
  databaseUrl: string;
  redisUrl?: string;
  metrics: Metrics;
  supergraphSdl: string;
}): Promise<ResponseCache> {
  const versions: DataVersions = await watchDataVersions(databaseUrl);
  const reachOf = subgraphReach(supergraphSdl);
  // Worked out once per distinct operation (a portal has a few dozen), in a bounded map.
  const reached = new LRUCache<string, string[]>({ max: 1_000 });
  const reachedBy = (requestContext: GraphQLRequestContext<GatewayContext>) => {
    const { queryHash, document, schema } = requestContext;
    if (!(queryHash && document)) return null;
    let subgraphs = reached.get(queryHash);
    if (!subgraphs) {
      subgraphs = reachOf(schema, document);
      reached.set(queryHash, subgraphs);
    }
    return subgraphs;
  };
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 1 })
    : undefined;
  redis?.on('error', (error) =>
    logger.warn({ err: error }, 'response cache: Redis unreachable, answering without the cache'),
  );
  await redis?.connect().catch(() => {});
  const cache = redis
    ? redisCache(redis)
    : new InMemoryLRUCache<string>({ maxSize: MEMORY_BYTES, maxEntrySize: MAX_ENTRY_BYTES });

  /** The versions each request was keyed by, read once at its start: an answer is stored under what it may hold. */
  const keyedBy = new WeakMap<GatewayContext, string | null>();
  const cacheable = (requestContext: GraphQLRequestContext<GatewayContext>) =>
    anonymous(requestContext.contextValue) && keyedBy.get(requestContext.contextValue) != null;

  const status: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          if (!isQuery(requestContext)) {
            // What this gateway has just changed is seen by its next request, whatever the notification's delay.
            if (requestContext.operation?.operation === 'mutation') await versions.refresh();
            return;
          }
          const result = requestContext.metrics.responseCacheHit
            ? 'hit'
            : cacheable(requestContext)
              ? 'miss'
              : 'bypass';
          metrics.responseCache.inc({ result });
          requestContext.response.http.headers.set(CACHE_STATUS_HEADER, result);
        },
      };
    },
  };

  return {
    plugins: [
      responseCachePlugin<GatewayContext>({
        cache,
        extraCacheKeyData: async (requestContext) => {
          const subgraphs = reachedBy(requestContext);
          const current = subgraphs && versions.current(subgraphs);
          keyedBy.set(requestContext.contextValue, current);
          return current;
        },
        shouldReadFromCache: async (requestContext) => cacheable(requestContext),
        shouldWriteToCache: async (requestContext) => cacheable(requestContext),
      }),
      status,
    ],
    stop: async () => {
      await versions.stop();
      redis?.disconnect();
    },
  };
}
