// `pnpm bench:auth`: what authenticating a caller costs through the whole hub on real PostgreSQL
// (BENCH_DATABASE_URL, default the local server). The same query is timed anonymous (the baseline: no credential
// to check), with a staff JWT (verified in the gateway) and with an API key (checked by the access subgraph on
// every request, so that a revoked key stops at once). Medians, reported as ratios to the baseline of the same run.
import { performance } from 'node:perf_hooks';
import { DEMO_KEYS } from '@motcua/access';
import { signStaffToken } from '@motcua/gateway';
import { createTestDatabase, median, testConfig } from '@motcua/testkit';
import { startHub } from '../src/start-hub.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = 400;
const QUERY = JSON.stringify({ query: '{ serviceFields { code } }' });

async function send(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: QUERY,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.text();
  return performance.now() - start;
}

/** Median time of each kind of caller, their requests interleaved so that drift on the machine hits all alike. */
async function time(url: string, callers: Record<string, Record<string, string>>) {
  const samples = Object.fromEntries(Object.keys(callers).map((name) => [name, [] as number[]]));
  for (let run = -20; run < RUNS; run++) {
    for (const [name, headers] of Object.entries(callers)) {
      const ms = await send(url, headers);
      if (run >= 0) samples[name]?.push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

const database = await createTestDatabase({ server: SERVER, prefix: 'motcua_bench_auth' });
const config = testConfig({ DATABASE_URL: database.url });
const { jwt } = config;
const hub = await startHub(config, {
  // The allowances would refuse a benchmark long before it ends.
  gateway: {
    rateAllowances: {
      windowSeconds: 60,
      perIp: 1e9,
      perKey: { PARTNER: 1e9, ANALYST: 1e9, EDITOR: 1e9, DATA_OFFICER: 1e9, ADMIN: 1e9 },
    },
  },
});
try {
  const analystKey = DEMO_KEYS.find((key) => key.role === 'ANALYST')?.key as string;
  const token = await signStaffToken(jwt, { role: 'EDITOR', subject: 'bench' });
  const medians = await time(hub.url, {
    anonymous: {},
    'staff JWT': { authorization: `Bearer ${token}` },
    'API key': { 'x-api-key': analystKey },
  });
  const baseline = medians.anonymous ?? Number.NaN;
  console.log(
    `median of ${RUNS} requests each through the gateway ({ serviceFields { code } }), interleaved`,
  );
  for (const [name, ms] of Object.entries(medians)) {
    console.log(
      `${name.padEnd(12)} ${ms.toFixed(2).padStart(7)} ms  ${(ms / baseline).toFixed(2)}× anonymous`,
    );
  }
} finally {
  await hub.stop();
  await database.drop();
}
