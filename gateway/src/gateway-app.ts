import { readFileSync } from 'node:fs';
import { expressMiddleware } from '@as-integrations/express5';
import { callerFromHeaders } from '@motcua/graphql-kit';
import express, { type Express } from 'express';
import { SUPERGRAPH_FILE } from './compose.ts';
import { feedRoutes } from './feeds.ts';
import { createGatewayServer } from './gateway-server.ts';
import { healthRoutes } from './health.ts';
import type { SubgraphUrls } from './subgraphs.ts';

export type GatewayApp = { app: Express; stop: () => Promise<void> };

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** The gateway's HTTP application: `/graphql` and the health endpoints. */
export async function createGatewayApp(
  subgraphUrls: SubgraphUrls,
  { subgraphTimeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS }: { subgraphTimeoutMs?: number } = {},
): Promise<GatewayApp> {
  const server = createGatewayServer({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls,
    subgraphTimeoutMs,
  });
  await server.start();
  const app = express();
  app.use(healthRoutes(subgraphUrls));
  app.use(feedRoutes(subgraphUrls.news));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async ({ req }) => ({ caller: callerFromHeaders(req.headers) }) }),
  );
  return { app, stop: () => server.stop() };
}
