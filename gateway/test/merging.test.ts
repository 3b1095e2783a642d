import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, localSubgraphUrls } from '@motcua/config';
import { type Listening, listen } from '@motcua/lifecycle';
import express from 'express';
import { createGatewayApp, type GatewayApp } from '../src/index.ts';

// A stand-in for every subgraph that answers after a pause and counts the calls it receives, so that requests sent
// together are surely in flight together.
let calls = 0;
let subgraphs: Listening;
let gateway: GatewayApp;
let gatewayServer: Listening;

beforeAll(async () => {
  const stub = express().use(express.json());
  stub.post('/:name/graphql', async (_req, res) => {
    calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 150));
    res.json({ data: { serviceFields: [{ code: 'tu-phap' }] } });
  });
  stub.post('/access/keys/verify', (_req, res) => {
    res.json({ caller: { role: 'ANALYST', subject: 'a', keyId: 'k', partnerCode: null, scopes: [] } });
  });
  subgraphs = await listen(stub);
  gateway = await createGatewayApp(loadConfig({}), { subgraphUrls: localSubgraphUrls(subgraphs.origin) });
  gatewayServer = await listen(gateway.app);
});

afterAll(async () => {
  await gateway?.stop();
  await gatewayServer?.close();
  await subgraphs?.close();
});

const ask = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${gatewayServer.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  }).then((response) => response.json() as Promise<{ data?: unknown }>);

describe('identical queries in flight at once', () => {
  it('are asked of the subgraph once, and every caller gets the whole answer', async () => {
    calls = 0;
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask('{ serviceFields { code } }')));
    expect(calls).toBe(1);
    for (const answer of answers) expect(answer.data).toEqual({ serviceFields: [{ code: 'tu-phap' }] });
  });

  it('are asked again for another caller, and for another query', async () => {
    calls = 0;
    const analyst = { 'x-api-key': 'mc_any_key-the-stand-in-accepts' };
    await Promise.all([
      ask('{ serviceFields { code } }'),
      ask('{ serviceFields { code } }', analyst),
      ask('{ serviceFields { code name } }'),
    ]);
    expect(calls).toBe(3);
  });

  it('are asked again once the first answer has come: nothing is kept', async () => {
    calls = 0;
    await ask('{ serviceFields { code } }');
    await ask('{ serviceFields { code } }');
    expect(calls).toBe(2);
  });
});
