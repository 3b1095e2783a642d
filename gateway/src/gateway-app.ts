import { readFileSync } from 'node:fs';
import { expressMiddleware } from '@as-integrations/express5';
import { callerFromHeaders, REQUEST_ID_HEADER, requestIdMiddleware } from '@motcua/graphql-kit';
import cors from 'cors';
import express, { type Express } from 'express';
import { SUPERGRAPH_FILE } from './compose.ts';
import { feedRoutes } from './feeds.ts';
import { createGatewayServer } from './gateway-server.ts';
import { healthRoutes } from './health.ts';
import { createMetrics, type Metrics } from './observability.ts';
import type { SubgraphUrls } from './subgraphs.ts';
import { gatewayTracing } from './tracing.ts';

export type GatewayApp = { app: Express; metrics: Metrics; stop: () => Promise<void> };

const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** The gateway's HTTP application: `/graphql`, feeds, health and Prometheus `/metrics`. */
export type GatewayOptions = {
  subgraphTimeoutMs?: number;
  /** Browser origins allowed to call the graph (CORS); none when empty. */
  corsOrigins?: string[];
  /** Schema introspection: on for development, off in production. */
  introspection?: boolean;
};

export async function createGatewayApp(
  subgraphUrls: SubgraphUrls,
  {
    subgraphTimeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
    corsOrigins = [],
    introspection = true,
  }: GatewayOptions = {},
): Promise<GatewayApp> {
  const metrics = createMetrics();
  const server = createGatewayServer({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls,
    subgraphTimeoutMs,
    metrics,
    introspection,
  });
  await server.start();
  const app = express();
  app.use(requestIdMiddleware());
  app.use(healthRoutes(subgraphUrls));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(feedRoutes(subgraphUrls.news));
  app.use('/graphql', gatewayTracing());
  app.use(
    '/graphql',
    cors({ origin: corsOrigins, methods: ['GET', 'POST'], exposedHeaders: [REQUEST_ID_HEADER] }),
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req, res }) => ({
        caller: callerFromHeaders(req.headers),
        requestId: String(res.getHeader(REQUEST_ID_HEADER)),
      }),
    }),
  );
  return { app, metrics, stop: () => server.stop() };
}
