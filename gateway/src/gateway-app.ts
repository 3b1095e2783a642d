import { readFileSync } from 'node:fs';
import { expressMiddleware } from '@as-integrations/express5';
import { type Config, ConfigError, gatewayCredentials } from '@motcua/config';
import { jsonErrorHandler, refuse } from '@motcua/errors';
import { logger, metricsRoute, REQUEST_ID_HEADER, requestIdMiddleware } from '@motcua/observability';
import { type IdePersona, pagesRouter } from '@motcua/pages';
import type { Role } from '@motcua/roles';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { API_KEY_HEADER, createAuthenticator } from './authenticate.ts';
import { SUPERGRAPH_FILE } from './compose.ts';
import { exportRoutes } from './exports.ts';
import { articlePageRoutes, feedRoutes } from './feeds.ts';
import { createGatewayServer } from './gateway-server.ts';
import { healthRoutes } from './health.ts';
import { importRoutes } from './imports.ts';
import { createMetrics, type Metrics, refusalObserver } from './observability.ts';
import { COST_BUDGETS } from './query-cost.ts';
import {
  createRateLimiter,
  RATE_ALLOWANCES,
  RATE_LIMIT_HEADERS,
  type RateAllowances,
  rateLimitMiddlewares,
} from './rate-limits.ts';
import { CACHE_STATUS_HEADER, createResponseCache, type ResponseCache } from './response-cache.ts';
import type { SubgraphUrls } from './subgraphs.ts';
import { gatewayTracing } from './tracing.ts';
import {
  loadTrustedDocuments,
  type TrustedDocuments,
  trustedDocumentsMiddleware,
} from './trusted-documents.ts';

export type GatewayApp = { app: Express; metrics: Metrics; stop: () => Promise<void> };

/** What a GraphQL engine is given to plan and run operations over the supergraph. */
export type GraphqlEngineOptions = {
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  subgraphTimeoutMs: number;
  signingKey: string;
  costBudgets: Record<Role, number>;
  introspection: boolean;
  mergeIdenticalQueries: boolean;
  metrics: Metrics;
};

/**
 * What answers `/graphql` once the caller is known (`res.locals.caller`) and within its rate limits: Apollo
 * Gateway by default, or another engine over the same supergraph (Hive Gateway, `@motcua/hive-gateway`). Every
 * other route of the gateway (credentials, rate limits, feeds, imports, pages, health, metrics) stays the same.
 */
export type GraphqlEngine = { handlers: RequestHandler[]; stop: () => Promise<void> };

/**
 * What is not the environment's to set: the policy values a test or a benchmark narrows or widens, and the
 * subgraph URLs the hub learns only once its subgraphs listen.
 */
export type GatewayOverrides = {
  /** Where each subgraph answers, replacing the configured URLs. */
  subgraphUrls?: Partial<SubgraphUrls>;
  /** The most one query may cost, per role (default `COST_BUDGETS`). */
  costBudgets?: Record<Role, number>;
  /** Requests allowed per IP and per caller's key (default `RATE_ALLOWANCES`, the IP's from RATE_LIMIT_PER_IP). */
  rateAllowances?: RateAllowances;
  /** Prefix of the rate limit counts in Redis. */
  rateKeyPrefix?: string;
  /** Credentials the IDE's "Send as" picker offers (the hub's demo keys and tokens, in development). */
  idePersonas?: IdePersona[];
  /** The engine behind `/graphql` (Apollo Gateway without it). */
  engine?: (options: GraphqlEngineOptions) => Promise<GraphqlEngine>;
};

/** The gateway's HTTP application: `/graphql` (and GraphiQL), pages, feeds, bulk imports, health and Prometheus `/metrics`. */
export async function createGatewayApp(
  config: Config,
  { costBudgets = COST_BUDGETS, rateKeyPrefix, idePersonas, engine, ...overrides }: GatewayOverrides = {},
): Promise<GatewayApp> {
  const { signingKey, jwt } = gatewayCredentials(config);
  const subgraphUrls = { ...config.subgraphUrls, ...overrides.subgraphUrls };
  const { corsOrigins, metricsToken, publicUrl, introspection, subgraphTimeoutMs } = config;
  const { redisUrl, trustProxyHops, trustedDocuments: trustedDocumentsFile, ratePerIp } = config.limits;
  const rateAllowances = overrides.rateAllowances ?? {
    ...RATE_ALLOWANCES,
    perIp: ratePerIp ?? RATE_ALLOWANCES.perIp,
  };
  const metrics = createMetrics();
  const trustedDocuments =
    trustedDocumentsFile === undefined ? undefined : loadTrustedDocuments(trustedDocumentsFile);
  const engineOptions: GraphqlEngineOptions = {
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls,
    subgraphTimeoutMs,
    metrics,
    introspection,
    signingKey,
    costBudgets,
    mergeIdenticalQueries: config.mergeIdenticalQueries,
  };
  if (engine && trustedDocuments) {
    throw new ConfigError(
      'TRUSTED_DOCUMENTS is served by the Apollo gateway only: unset GATEWAY_ENGINE or TRUSTED_DOCUMENTS',
    );
  }
  const responseCache = await responseCacheOf(
    config,
    engine === undefined,
    metrics,
    engineOptions.supergraphSdl,
  );
  const graphql = await (engine ?? apolloEngine)({
    ...engineOptions,
    trustedDocuments,
    cachePlugins: responseCache?.plugins,
  });
  const authenticate = createAuthenticator({
    accessUrl: subgraphUrls.access,
    signingKey,
    jwt,
    timeoutMs: subgraphTimeoutMs,
  });
  const rateLimiter = await createRateLimiter({
    allowances: rateAllowances,
    redisUrl,
    keyPrefix: rateKeyPrefix ?? config.limits.rateKeyPrefix,
  });
  const rateLimited = rateLimitMiddlewares(rateLimiter);
  // Express's "X-Powered-By" only tells a scanner what to try.
  const app = express().disable('x-powered-by');
  app.set('trust proxy', trustProxyHops);
  app.use(requestIdMiddleware(), refusalObserver(metrics));
  app.use(healthRoutes(subgraphUrls, signingKey));
  app.get('/metrics', metricsRoute(metrics.registry, metricsToken));
  app.use(
    '/feeds',
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
    feedRoutes(subgraphUrls.news, signingKey, { publicUrl, timeoutMs: subgraphTimeoutMs }),
  );
  app.use(
    '/imports',
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
    importRoutes(subgraphUrls.statistics, signingKey),
  );
  app.use(
    '/exports',
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
    exportRoutes(subgraphUrls.statistics, signingKey),
  );
  app.use(
    '/articles',
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
    articlePageRoutes(subgraphUrls.news, signingKey, { publicUrl, timeoutMs: subgraphTimeoutMs }),
  );
  // `GET /`, the pages for people and, for a browser at `/graphql`, the IDE: ahead of the GraphQL endpoint, whose
  // own landing page is off. The pages ask the graph through `/graphql` like any other client.
  app.use(pagesRouter({ ide: config.ide, idePersonas, requestIdHeader: REQUEST_ID_HEADER }));
  app.use('/graphql', gatewayTracing());
  app.use(
    '/graphql',
    cors({
      origin: corsOrigins,
      methods: ['GET', 'POST'],
      // What a browser client may send: credentials, CSRF-prevention headers, its request id and trace context.
      allowedHeaders: [
        'content-type',
        'authorization',
        API_KEY_HEADER,
        'apollo-require-preflight',
        'x-apollo-operation-name',
        REQUEST_ID_HEADER,
        'traceparent',
        'tracestate',
      ],
      exposedHeaders: [REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS, CACHE_STATUS_HEADER, 'age'],
    }),
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
    ...graphql.handlers,
  );
  app.use((_req, res) => refuse(res, 404, 'NOT_FOUND', 'Nothing here: the graph is at /graphql'));
  app.use(jsonErrorHandler());
  return {
    app,
    metrics,
    stop: async () => {
      await graphql.stop();
      await responseCache?.stop();
      await rateLimiter.close();
    },
  };
}

/**
 * The response cache, when RESPONSE_CACHE is on: in front of Apollo Gateway only (Hive Gateway answers without it),
 * and only over PostgreSQL, whose commits tell the gateways what changed (the embedded database tells no one).
 */
async function responseCacheOf(
  config: Config,
  apollo: boolean,
  metrics: Metrics,
  supergraphSdl: string,
): Promise<ResponseCache | undefined> {
  if (!config.responseCache || !apollo) return undefined;
  if (config.database.kind !== 'postgres') {
    logger.info('response cache off: it needs DATABASE_URL (PostgreSQL) to learn of changes');
    return undefined;
  }
  return createResponseCache({
    databaseUrl: config.database.url,
    redisUrl: config.limits.redisUrl,
    metrics,
    supergraphSdl,
  });
}

/** Apollo Gateway and Apollo Server behind `/graphql`, with the trusted documents mode and the response cache. */
async function apolloEngine({
  trustedDocuments,
  cachePlugins,
  ...options
}: GraphqlEngineOptions & {
  trustedDocuments?: TrustedDocuments;
  cachePlugins?: ResponseCache['plugins'];
}): Promise<GraphqlEngine> {
  const server = createGatewayServer({ ...options, trustedDocuments, cachePlugins });
  await server.start();
  return {
    handlers: [
      express.json({ limit: '1mb' }),
      ...(trustedDocuments ? [trustedDocumentsMiddleware(trustedDocuments)] : []),
      expressMiddleware(server, {
        context: async ({ res }) => {
          const gone = new AbortController();
          res.once('close', () => {
            if (!res.writableFinished) gone.abort();
          });
          return {
            caller: res.locals.caller,
            requestId: String(res.getHeader(REQUEST_ID_HEADER)),
            signal: gone.signal,
          };
        },
      }),
    ],
    stop: () => server.stop(),
  };
}
