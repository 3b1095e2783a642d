import { startHub } from '@motcua/hub';
import { createTestDatabase, testConfig } from '@motcua/testkit';

const PAGE = `{ service(code: "1.001193") { name field { name } competentAgency { name } offerings(first: 20) { nodes { unit { name } onlineLevel } } usage(from: "2025-07", to: "2026-06") { months { month received } } articles(first: 5) { nodes { headline } } } }`;
const CATALOG = `{ services(first: 50, search: "dang ky") { totalCount nodes { code name field { name } competentAgency { name } } } serviceFacets(search: "dang ky") { total } }`;
const db = await createTestDatabase();
const hub = await startHub(testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), {
  gateway: {
    rateAllowances: {
      windowSeconds: 60,
      perIp: 1e9,
      perKey: { PARTNER: 1e9, ANALYST: 1e9, EDITOR: 1e9, DATA_OFFICER: 1e9, ADMIN: 1e9 },
    },
  },
});
async function run(query: string, total: number, concurrency = 20) {
  let done = 0;
  let started = 0;
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started++ < total) {
        const t = performance.now();
        const r = await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const b = (await r.json()) as any;
        if (b.errors) throw new Error(JSON.stringify(b.errors));
        lat.push(performance.now() - t);
        done++;
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuMsPerRequest: ((cpu.user + cpu.system) / 1000 / done).toFixed(2),
    p50: lat[Math.floor(lat.length / 2)]?.toFixed(1),
    p99: lat[Math.floor(lat.length * 0.99)]?.toFixed(1),
  };
}
await run(PAGE, 200);
await run(CATALOG, 100);
for (let i = 0; i < 2; i++) {
  console.log('page', JSON.stringify(await run(PAGE, 600)));
  console.log('catalog', JSON.stringify(await run(CATALOG, 300)));
}
await hub.stop();
await db.drop();
