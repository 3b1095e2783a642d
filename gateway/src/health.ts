import { IDENTITY_HEADER, SERVICE_SUBJECTS, signServiceIdentity } from '@motcua/identity';
import type { Router } from 'express';
import express from 'express';
import type { SubgraphUrls } from './subgraphs.ts';

const PROBE_TIMEOUT_MS = 2_000;

async function probe(name: string, url: string, signingKey: string): Promise<'up' | 'down'> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signServiceIdentity(SERVICE_SUBJECTS.health, signingKey, name),
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
 * The route is public and each answer costs a call to every subgraph: answers within this long of a probe reuse
 * it, so a flood of readiness checks cannot become a flood of subgraph calls.
 */
const PROBE_REUSE_MS = 1_000;

/**
 * `/health/live`: the process answers. `/health/ready`: every subgraph answers a trivial query, so a load
 * balancer only sends traffic when the whole graph can be served (503 lists the subgraphs that are down).
 */
export function healthRoutes(subgraphUrls: SubgraphUrls, signingKey: string): Router {
  const probeAll = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(subgraphUrls).map(
          async ([name, url]) => [name, await probe(name, url, signingKey)] as const,
        ),
      ),
    );
  let latest: { at: number; subgraphs: ReturnType<typeof probeAll> } | undefined;
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (!latest || Date.now() - latest.at > PROBE_REUSE_MS)
      latest = { at: Date.now(), subgraphs: probeAll() };
    const subgraphs = await latest.subgraphs;
    const ready = Object.values(subgraphs).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs });
  });
  return router;
}
