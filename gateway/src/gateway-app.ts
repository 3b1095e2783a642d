import { readFileSync } from 'node:fs';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from '@motcua/config';
import { REQUEST_ID_HEADER, requestIdMiddleware } from '@motcua/graphql-kit';
import cors from 'cors';
import express, { type Express } from 'express';
import { API_KEY_HEADER, createAuthenticator } from './authenticate.ts';
import { SUPERGRAPH_FILE } from './compose.ts';
import { feedRoutes } from './feeds.ts';
import { createGatewayServer } from './gateway-server.ts';
import { healthRoutes } from './health.ts';
import { createMetrics, type Metrics } from './observability.ts';
import type { SubgraphUrls } from './subgraphs.ts';

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

/** What the gateway needs to know who calls and to vouch for them to the subgraphs. */
export type GatewayCredentials = { gatewaySecret: string; jwt: Config['jwt'] };

export async function createGatewayApp(
  subgraphUrls: SubgraphUrls,
  { gatewaySecret, jwt }: GatewayCredentials,
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
    gatewaySecret,
  });
  const authenticate = createAuthenticator({ accessUrl: subgraphUrls.access, gatewaySecret, jwt });
  await server.start();
  const app = express();
  app.use(requestIdMiddleware());
  app.use(healthRoutes(subgraphUrls, gatewaySecret));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use('/feeds', authenticate, feedRoutes(subgraphUrls.news, gatewaySecret));
  app.use(
    '/graphql',
    cors({
      origin: corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', API_KEY_HEADER, 'apollo-require-preflight'],
      exposedHeaders: [REQUEST_ID_HEADER],
    }),
    authenticate,
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ res }) => ({
        caller: res.locals.caller,
        requestId: String(res.getHeader(REQUEST_ID_HEADER)),
      }),
    }),
  );
  return { app, metrics, stop: () => server.stop() };
}
