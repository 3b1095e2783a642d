import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expressMiddleware } from '@as-integrations/express5';
import { type Config, gatewayCredentials } from '@motcua/config';
import { jsonErrorHandler, refuse } from '@motcua/errors';
import { REQUEST_ID_HEADER, requestIdMiddleware } from '@motcua/observability';
import { type IdePersona, pagesRouter } from '@motcua/pages';
import type { Role } from '@motcua/roles';
import cors from 'cors';
import express, { type Express } from 'express';
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
import type { SubgraphUrls } from './subgraphs.ts';
import { gatewayTracing } from './tracing.ts';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from './trusted-documents.ts';

export type GatewayApp = { app: Express; metrics: Metrics; stop: () => Promise<void> };

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
};

/** Compares two secrets in constant time (their hashes have the same length, whatever was sent). */
const sameSecret = (sent: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(sent).digest(), createHash('sha256').update(expected).digest());

/** The gateway's HTTP application: `/graphql` (and GraphiQL), pages, feeds, bulk imports, health and Prometheus `/metrics`. */
export async function createGatewayApp(
  config: Config,
  { costBudgets = COST_BUDGETS, rateKeyPrefix, idePersonas, ...overrides }: GatewayOverrides = {},
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
  const server = createGatewayServer({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls,
    subgraphTimeoutMs,
    metrics,
    introspection,
    signingKey,
    costBudgets,
    trustedDocuments,
    mergeIdenticalQueries: config.mergeIdenticalQueries,
  });
  const authenticate = createAuthenticator({
    accessUrl: subgraphUrls.access,
    signingKey,
    jwt,
    timeoutMs: subgraphTimeoutMs,
  });
  await server.start();
  const rateLimiter = await createRateLimiter({
    allowances: rateAllowances,
    redisUrl,
    keyPrefix: rateKeyPrefix,
  });
  const rateLimited = rateLimitMiddlewares(rateLimiter);
  // Express's "X-Powered-By" only tells a scanner what to try.
  const app = express().disable('x-powered-by');
  app.set('trust proxy', trustProxyHops);
  app.use(requestIdMiddleware(), refusalObserver(metrics));
  app.use(healthRoutes(subgraphUrls, signingKey));
  app.get('/metrics', async (req, res) => {
    if (metricsToken && !sameSecret(req.get('authorization') ?? '', `Bearer ${metricsToken}`)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('Send the metrics token');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
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
      exposedHeaders: [REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS],
    }),
    rateLimited.byIp,
    authenticate,
    rateLimited.byKey,
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
  );
  app.use((_req, res) => refuse(res, 404, 'NOT_FOUND', 'Nothing here: the graph is at /graphql'));
  app.use(jsonErrorHandler());
  return {
    app,
    metrics,
    stop: async () => {
      await server.stop();
      await rateLimiter.close();
    },
  };
}
