import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@motcua/testkit';
import { type Part, part, ROOT } from './support/parts.ts';

// A bounded soak on loopback (issue 12): the whole hub, as `pnpm start` runs it, in a process of its own under
// steady load from a few clients for a fixed time. Zero errors, a p99 that does not drift, and memory that does not
// grow; the figures are printed. The memory is the hub's alone (not the test runner's), read after a full garbage
// collection in the hub (see support/memory-probe.ts): without one, the resident size grows for as long as V8 lets
// its heap expand before collecting, which it does however little is retained (about 1 MB/s here), so only a
// collected reading tells a leak from laziness.
const WARM_UP_MS = Number(process.env.SOAK_WARM_UP_MS ?? 8_000);
const SOAK_MS = Number(process.env.SOAK_MS ?? 32_000);
const WINDOWS = 4;
const CLIENTS = 4;
/** Memory the hub may add between the end of the warm-up and the end of the soak: a leak, not noise, exceeds it. */
const RSS_MARGIN = 32 * 2 ** 20;
const HEAP_MARGIN = 16 * 2 ** 20;

let database: TestDatabase;
let hub: Part;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  hub = part(
    'hub',
    0,
    {
      DATABASE_URL: database.url,
      SUBGRAPHS_PORT: '0',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_IP: '1000000',
      // The soak repeats its queries to find what the hub's own paths leak: the cache would answer them, and its
      // bounded memory would grow as a leak does at first.
      RESPONSE_CACHE: 'false',
    },
    { nodeArgs: ['--expose-gc', '--import', join(ROOT, 'tests/resilience/support/memory-probe.ts')] },
  );
  await hub.start();
  url = /^ {2}gateway\s+(http\S+)/m.exec(hub.output())?.[1] as string;
}, 120_000);

afterAll(async () => {
  await hub?.kill();
  await database?.drop();
});

const QUERIES = [
  '{ services(first: 20) { totalCount nodes { code name } } }',
  '{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } articles { totalCount } } }',
  '{ services(search: "dang ky khai sinh", first: 5) { nodes { code } } }',
  '{ administrativeUnits(first: 10) { nodes { code name } } }',
  '{ usage(from: "2025-01", to: "2025-12") { received onlineRate } }',
  '{ articles(first: 5) { totalCount nodes { headline } } }',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

type Memory = { rss: number; heapUsed: number; external: number; arrayBuffers: number };

/** The hub's memory after a full collection, as its probe prints it on SIGUSR2. */
async function hubMemory(): Promise<Memory> {
  const readings = () => [...hub.output().matchAll(/^memory (\{.*\})$/gm)].length;
  const before = readings();
  hub.process().kill('SIGUSR2');
  const since = Date.now();
  while (readings() === before) {
    if (Date.now() - since > 10_000) throw new Error(`the hub printed no memory:\n${hub.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const last = [...hub.output().matchAll(/^memory (\{.*\})$/gm)].at(-1)?.[1] as string;
  return JSON.parse(last) as Memory;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

describe('soak', () => {
  it(
    'serves steady load with zero errors, a stable p99 and no memory growth',
    async () => {
      const atStart = await hubMemory();
      const started = Date.now();
      const soakFrom = started + WARM_UP_MS;
      const windowMs = SOAK_MS / WINDOWS;
      const latencies: number[][] = Array.from({ length: WINDOWS }, () => []);
      let errors = 0;
      let requests = 0;
      const running = () => Date.now() < soakFrom + SOAK_MS;
      const clients = Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          let turn = client;
          while (running()) {
            const query = QUERIES[turn++ % QUERIES.length];
            const at = Date.now();
            let failed = false;
            try {
              const response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ query }),
                signal: AbortSignal.timeout(10_000),
              });
              const body = (await response.json()) as { errors?: unknown[] };
              failed = response.status !== 200 || Boolean(body.errors);
            } catch {
              failed = true;
            }
            // The warm-up (plans compiled, caches and pools filled) is served but not measured, errors aside.
            if (failed) errors += 1;
            if (at < soakFrom) continue;
            requests += 1;
            latencies[Math.min(WINDOWS - 1, Math.floor((at - soakFrom) / windowMs))]?.push(Date.now() - at);
          }
        }),
      );
      // A reading at the end of the warm-up, then one at the end of each window, all under load.
      const memory: Memory[] = [];
      for (let window = 0; window <= WINDOWS; window += 1) {
        await new Promise((resolve) => setTimeout(resolve, soakFrom + window * windowMs - Date.now()));
        if (window < WINDOWS) memory.push(await hubMemory());
      }
      await clients;
      memory.push(await hubMemory());
      const [first] = memory as [Memory];
      const last = memory.at(-1) as Memory;
      const p99s = latencies.map((window) => percentile(window, 99));
      const figures = {
        seconds: SOAK_MS / 1000,
        warmUpSeconds: WARM_UP_MS / 1000,
        requests,
        errors,
        perSecond: Math.round(requests / (SOAK_MS / 1000)),
        p50Ms: latencies.map((window) => percentile(window, 50)),
        p99Ms: p99s,
        hubRssAtStartMb: mb(atStart.rss),
        hubRssStartMb: mb(first.rss),
        hubRssEndMb: mb(last.rss),
        hubHeapStartMb: mb(first.heapUsed),
        hubHeapEndMb: mb(last.heapUsed),
        hubRssMb: memory.map((reading) => mb(reading.rss)),
        hubExternalMb: memory.map((reading) => mb(reading.external + reading.arrayBuffers)),
      };
      console.log(`soak: ${JSON.stringify(figures)}`);
      expect(errors).toBe(0);
      // Generous bounds on a shared machine: a drift, not noise, fails. The last window's p99 stays within a few times
      // the first's; from the end of the warm-up to the end, what a full collection leaves of the hub grows by less
      // than a leak of a few kilobytes per request would add.
      expect(p99s[WINDOWS - 1] ?? 0).toBeLessThanOrEqual(Math.max(4 * (p99s[0] ?? 0), (p99s[0] ?? 0) + 250));
      expect(last.rss - first.rss).toBeLessThan(RSS_MARGIN);
      expect(last.heapUsed - first.heapUsed).toBeLessThan(HEAP_MARGIN);
    },
    WARM_UP_MS + SOAK_MS + 120_000,
  );
});
