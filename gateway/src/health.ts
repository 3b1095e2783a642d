import { IDENTITY_HEADER, SERVICE_SUBJECTS, signServiceIdentity } from '@motcua/graphql-kit';
import type { Router } from 'express';
import express from 'express';
import type { SubgraphUrls } from './subgraphs.ts';

const PROBE_TIMEOUT_MS = 2_000;

async function probe(name: string, url: string, gatewaySecret: string): Promise<'up' | 'down'> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signServiceIdentity(SERVICE_SUBJECTS.health, gatewaySecret, name),
      },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/**
 * `/health/live`: the process answers. `/health/ready`: every subgraph answers a trivial query, so a load
 * balancer only sends traffic when the whole graph can be served (503 lists the subgraphs that are down).
 */
export function healthRoutes(subgraphUrls: SubgraphUrls, gatewaySecret: string): Router {
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(subgraphUrls).map(
        async ([name, url]) => [name, await probe(name, url, gatewaySecret)] as const,
      ),
    );
    const subgraphs = Object.fromEntries(entries);
    const ready = entries.every(([, state]) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs });
  });
  return router;
}
