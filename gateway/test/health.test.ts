import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayCredentials, loadConfig } from '@motcua/config';
import { requireGatewayIdentity } from '@motcua/identity';
import { listen } from '@motcua/lifecycle';
import express from 'express';
import { healthRoutes } from '../src/health.ts';
import type { SubgraphUrls } from '../src/subgraphs.ts';

const config = loadConfig({});
const { signingKey } = gatewayCredentials(config);

const servers: Server[] = [];

async function listenAt(app: express.Express): Promise<string> {
  const listening = await listen(app);
  servers.push(listening.server);
  return listening.origin;
}

let upOrigin: string;
let probes = 0;
/** The stand-in subgraph of that name: it checks that the probe was signed for it. */
const up = (name: string) => `${upOrigin}/${name}/graphql`;
let closedUrl: string;

beforeAll(async () => {
  // Like a real subgraph, it answers only requests the gateway signed: the probes must be signed.
  const subgraph = express();
  subgraph.post(
    '/:name/graphql',
    (req, res, next) => requireGatewayIdentity(config.identity, String(req.params.name))(req, res, next),
    (_req, res) => {
      probes += 1;
      res.json({ data: { __typename: 'Query' } });
    },
  );
  upOrigin = await listenAt(subgraph);
  // A port that was free a moment ago: nothing answers there.
  const closed = express();
  const origin = await listenAt(closed);
  await new Promise((resolve) => servers.pop()?.close(resolve));
  closedUrl = `${origin}/graphql`;
});

afterAll(() => {
  for (const server of servers) server.close();
});

async function get(urls: Record<string, string>, path: string) {
  const origin = await listenAt(express().use(healthRoutes(urls as SubgraphUrls, signingKey)));
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('health endpoints', () => {
  it('liveness answers whatever the subgraphs do', async () => {
    expect(
      await get({ services: closedUrl, statistics: closedUrl, news: closedUrl }, '/health/live'),
    ).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('readiness is 200 when every subgraph answers', async () => {
    const { status, body } = await get(
      { services: up('services'), statistics: up('statistics'), news: up('news') },
      '/health/ready',
    );
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', subgraphs: { services: 'up', statistics: 'up', news: 'up' } });
  });

  it('readiness is 503 and names the subgraph that is down', async () => {
    const { status, body } = await get(
      { services: up('services'), statistics: closedUrl, news: up('news') },
      '/health/ready',
    );
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'unavailable',
      subgraphs: { services: 'up', statistics: 'down', news: 'up' },
    });
  });

  it('probes each subgraph once for a burst of readiness checks', async () => {
    const urls = { services: up('services'), statistics: up('statistics'), news: up('news') };
    const origin = await listenAt(express().use(healthRoutes(urls as SubgraphUrls, signingKey)));
    probes = 0;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await fetch(`${origin}/health/ready`)).status),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(probes).toBe(3);
  });
});
