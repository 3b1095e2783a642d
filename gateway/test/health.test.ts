import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { healthRoutes } from '../src/health.ts';

const servers: Server[] = [];

function listen(app: express.Express): Promise<string> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
    servers.push(server);
  });
}

let upUrl: string;
let closedUrl: string;

beforeAll(async () => {
  const subgraph = express();
  subgraph.post('/graphql', (_req, res) => {
    res.json({ data: { __typename: 'Query' } });
  });
  upUrl = `${await listen(subgraph)}/graphql`;
  // A port that was free a moment ago: nothing answers there.
  const closed = express();
  const origin = await listen(closed);
  await new Promise((resolve) => servers.pop()?.close(resolve));
  closedUrl = `${origin}/graphql`;
});

afterAll(() => {
  for (const server of servers) server.close();
});

async function get(urls: { services: string; statistics: string; news: string }, path: string) {
  const origin = await listen(express().use(healthRoutes(urls)));
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
    const { status, body } = await get({ services: upUrl, statistics: upUrl, news: upUrl }, '/health/ready');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', subgraphs: { services: 'up', statistics: 'up', news: 'up' } });
  });

  it('readiness is 503 and names the subgraph that is down', async () => {
    const { status, body } = await get(
      { services: upUrl, statistics: closedUrl, news: upUrl },
      '/health/ready',
    );
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'unavailable',
      subgraphs: { services: 'up', statistics: 'down', news: 'up' },
    });
  });
});
