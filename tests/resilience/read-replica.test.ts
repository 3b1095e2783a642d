import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Hub, startHub } from '@motcua/hub';
import { testConfig } from '@motcua/testkit';
import pg from 'pg';
import { headersOf, type Persona } from '../support/test-hub.ts';
import { createThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';

// A read replica (issue 17): a primary and a streaming replica of it (pg_basebackup -R), clusters of the test's own
// on 5380 and 5433. Reads outside transactions go to the replica through MikroORM's `replicas`; writes, and the
// reads that must see them at once (the key check), to the primary; a replica too far behind, or down, is left
// aside until it is back, and its lag is in each subgraph's /metrics.
const MAX_LAG_S = 30;

let primary: ThrowawayCluster;
let replica: ThrowawayCluster;
let hub: Hub;

beforeAll(async () => {
  primary = await createThrowawayCluster(5380);
  await sql(primary.url, 'create database motcua');
  await sql(primary.url, 'create table tick (at timestamptz)');
  replica = await createThrowawayCluster(5433, { replicaOf: primary });
  const database = (cluster: ThrowawayCluster) => cluster.url.replace(/\/postgres$/, '/motcua');
  hub = await startHub(
    testConfig({
      DATABASE_URL: database(primary),
      DATABASE_REPLICA_URLS: database(replica),
      REPLICA_MAX_LAG_MS: String(MAX_LAG_S * 1000),
    }),
  );
}, 300_000);

afterAll(async () => {
  await hub?.stop();
  await replica?.remove();
  await primary?.remove();
}, 60_000);

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function ask<T = Record<string, unknown>>(query: string, as: Persona = 'PUBLIC', headers = {}) {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersOf(as)), ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, ...body };
}

/** A subgraph's metrics (the news subgraph's unless named), by series name with its labels. */
async function newsMetrics(subgraph: keyof Hub['subgraphUrls'] = 'news'): Promise<Map<string, number>> {
  const text = await (await fetch(hub.subgraphUrls[subgraph].replace(/\/graphql$/, '/metrics'))).text();
  return new Map(
    text
      .split('\n')
      .filter((line) => line.startsWith('motcua_db_'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))] as const;
      }),
  );
}
const REPLICA = `subgraph="news",replica="127.0.0.1:5433"`;
const readsFromReplica = async () =>
  (await newsMetrics()).get('motcua_db_reads_from_replicas{subgraph="news"}');

async function until(test: () => Promise<boolean>, what: string, limitMs = 90_000) {
  const started = Date.now();
  while (!(await test())) {
    if (Date.now() - started > limitMs) throw new Error(`still not so after ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Creates and publishes an article as an editor; the mutations' answers come from the primary. */
async function publish(slug: string) {
  const created = await ask<{ createArticle: { id: string; version: number } }>(
    `mutation { createArticle(input: { slug: "${slug}", headline: "Bản sao đọc", bodyHtml: "<p>x</p>", language: VI, kind: NEWS, copyrightHolder: "Thành phố Hà Nội", licence: "MOTCUA-PRESS" }) { id version } }`,
    'EDITOR',
  );
  expect(created.errors).toBeUndefined();
  const { id, version } = created.data?.createArticle ?? { id: '', version: 0 };
  const published = await ask<{ publishArticle: { status: string } }>(
    `mutation { publishArticle(id: "${id}", version: ${version}) { status } }`,
    'EDITOR',
  );
  expect(published.data?.publishArticle.status).toBe('PUBLISHED');
}
const visible = async (slug: string) =>
  Boolean(
    (await ask<{ article: { id: string } | null }>(`{ article(slug: "${slug}") { id } }`)).data?.article,
  );

/** The replica has replayed a commit made just now on the primary, then stops replaying (it still receives). */
async function pauseReplayAfterAFreshCommit() {
  const [{ lsn } = { lsn: '' }] = await sql<{ lsn: string }>(
    primary.url,
    'insert into tick values (now()) returning pg_current_wal_lsn()::text as lsn',
  );
  await until(
    async () =>
      (
        await sql<{ caught: boolean }>(replica.url, `select pg_last_wal_replay_lsn() >= '${lsn}' as caught`)
      )[0]?.caught === true,
    'the replica replays the commit',
  );
  await sql(replica.url, 'select pg_wal_replay_pause()');
}

describe('a streaming read replica', () => {
  it('reads from the replica once it is found up to date', async () => {
    await until(async () => (await readsFromReplica()) === 1, 'reads go to the replica');
    // A write of the hub's own (a key's lastUsedAt, the webhook worker) may be in flight when the metrics are read:
    // until the replica replays it, the lag reads as the time since its last replay. Once replayed it reads 0.
    await until(
      async () => (await newsMetrics()).get(`motcua_db_replica_lag_seconds{${REPLICA}}`) === 0,
      'the replica reads as caught up',
    );
    expect((await newsMetrics()).get(`motcua_db_replica_up{${REPLICA}}`)).toBe(1);
  });

  it('answers writes and the key check from the primary while reads come from a replica behind it', async () => {
    await pauseReplayAfterAFreshCommit();
    try {
      await publish('ban-sao-doc');
      // Published on the primary, not yet replayed: a read outside a transaction, from the replica (still within
      // the bound), does not see it yet.
      expect(await readsFromReplica()).toBe(1);
      expect(await visible('ban-sao-doc')).toBe(false);
      // A key issued now is accepted at once, and refused at once once revoked: the key check reads the primary.
      const issued = await ask<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        'mutation { createApiKey(input: { owner: "Replica test", role: ANALYST }) { secret apiKey { id } } }',
        'ADMIN',
      );
      const key = { 'x-api-key': issued.data?.createApiKey.secret ?? '' };
      expect((await ask('{ __typename }', 'PUBLIC', key)).status).toBe(200);
      await ask(
        `mutation { revokeApiKey(id: "${issued.data?.createApiKey.apiKey.id}") { revokedAt } }`,
        'ADMIN',
      );
      expect((await ask('{ __typename }', 'PUBLIC', key)).status).toBe(401);
      // Still paused, the replica falls behind: its lag shows, and past REPLICA_MAX_LAG_MS reads leave it.
      await until(
        async () => ((await newsMetrics()).get(`motcua_db_replica_lag_seconds{${REPLICA}}`) ?? 0) > MAX_LAG_S,
        'the lag passes the bound',
      );
      await until(async () => (await readsFromReplica()) === 0, 'reads go to the primary');
      expect(await visible('ban-sao-doc')).toBe(true);
    } finally {
      await sql(replica.url, 'select pg_wal_replay_resume()');
    }
    // Caught up again: back to the replica, which now has the article.
    await until(async () => (await readsFromReplica()) === 1, 'reads return to the replica');
    await until(
      async () => (await newsMetrics()).get(`motcua_db_replica_lag_seconds{${REPLICA}}`) === 0,
      'the replica reads as caught up again',
    );
    expect(await visible('ban-sao-doc')).toBe(true);
  });

  it('keeps answering reads while the replica is down, and uses it again once it is back', async () => {
    await replica.stop();
    // Each subgraph watches the replica on its own: the page below reads the catalog and the news.
    for (const subgraph of ['services', 'news'] as const) {
      await until(
        async () =>
          (await newsMetrics(subgraph)).get(
            `motcua_db_replica_up{subgraph="${subgraph}",replica="127.0.0.1:5433"}`,
          ) === 0,
        `the ${subgraph} subgraph finds the replica down`,
      );
    }
    expect(await readsFromReplica()).toBe(0);
    for (let i = 0; i < 5; i += 1) {
      const page = await ask<{ service: { name: string; articles: { totalCount: number } } }>(
        '{ service(code: "1.001193") { name articles { totalCount } } }',
      );
      expect(page.errors).toBeUndefined();
      expect(page.data?.service.name).toBeTruthy();
      expect(await visible('ban-sao-doc')).toBe(true);
    }
    await replica.start();
    await until(async () => (await readsFromReplica()) === 1, 'reads return to the replica');
    expect(await visible('ban-sao-doc')).toBe(true);
  });
});
