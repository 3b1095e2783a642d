import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEMO_KEYS } from '@motcua/access';
import { startHub } from '@motcua/hub';
import { createTestDatabase, testConfig } from '@motcua/testkit';
import { GraphQLClient, gql } from 'graphql-request';

const MAIN = new URL('../packages/hub/src/main.ts', import.meta.url).pathname;

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('starting the hub', () => {
  it.each([
    ['not a url', /DATABASE_URL must look like postgres:\/\//],
    ['mysql://root@localhost/motcua', /DATABASE_URL must look like postgres:\/\//],
  ])('stops with one clear line when DATABASE_URL is %j', (url, message) => {
    const run = start({ DATABASE_URL: url });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('stops with one clear line when NODE_ENV=production and DATABASE_URL is missing', () => {
    const run = start({ NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Invalid configuration: DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)',
    );
  });
});

describe('the embedded database (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const countUnitsAndArticles = async () => {
    const hub = await startHub(testConfig({ DATA_DIR: dataDir }));
    try {
      const client = new GraphQLClient(hub.url);
      return await client.request<{
        administrativeUnits: { totalCount: number };
        hanoi: { children: { totalCount: number } };
        articles: { totalCount: number };
        service: { usage: { illustrative: boolean } };
      }>(gql`
        {
          administrativeUnits { totalCount }
          hanoi: administrativeUnit(code: "01") { children { totalCount } }
          articles(search: "ha noi dung dau") { totalCount }
          service(code: "1.001193") { usage(from: "2025-07", to: "2026-06") { illustrative } }
        }
      `);
    } finally {
      await hub.stop();
    }
  };

  it('serves the seeded graph, and keeps the data, seeded once, between runs', async () => {
    const first = await countUnitsAndArticles();
    expect(first).toEqual({
      administrativeUnits: { totalCount: 34 },
      hanoi: { children: { totalCount: 126 } },
      articles: { totalCount: 1 },
      service: { usage: { illustrative: true } },
    });
    expect(await countUnitsAndArticles()).toEqual(first);
  }, 120_000);
});

describe('the demo keys', () => {
  it('work only while the hub runs with its example data: a start without it revokes them', async () => {
    const database = await createTestDatabase();
    const analystKey = DEMO_KEYS.find((key) => key.role === 'ANALYST')?.key as string;
    const statusWithDemoKey = async (seed: boolean) => {
      const hub = await startHub(testConfig({ DATABASE_URL: database.url, EXAMPLE_DATA: String(seed) }));
      try {
        const response = await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': analystKey },
          body: JSON.stringify({ query: '{ viewer { role } }' }),
        });
        return response.status;
      } finally {
        await hub.stop();
      }
    };
    try {
      expect(await statusWithDemoKey(true)).toBe(200);
      expect(await statusWithDemoKey(false)).toBe(401);
      expect(await statusWithDemoKey(true)).toBe(200);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
