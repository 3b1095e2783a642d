// `pnpm start`: the whole hub, seeded with the Hà Nội example data. With no DATABASE_URL it runs on an embedded
// PostgreSQL kept under DATA_DIR (default .data/; `pnpm reset` empties it).
import { type Config, ConfigError, loadConfig } from '@motcua/config';

const EXAMPLE = `{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received onlineRate } articles { nodes { headline } } } }`;

/** The seeded demo keys, and staff tokens signed with the configured secret, so every role can be tried at once. */
async function printDemoCredentials(config: Config) {
  const [{ DEMO_KEYS }, { signStaffToken }, { STAFF_ROLES }] = await Promise.all([
    import('@motcua/access'),
    import('@motcua/gateway'),
    import('@motcua/roles'),
  ]);
  console.log('Demo API keys (header x-api-key; development only):');
  for (const { role, partnerCode, key } of DEMO_KEYS) {
    console.log(`  ${`${role}${partnerCode ? ` ${partnerCode}` : ''}`.padEnd(30)} ${key}`);
  }
  if (!config.jwt.secret) return;
  console.log(
    'Staff tokens for 12 h (header Authorization: Bearer …; `pnpm staff-token <ROLE>` makes more):',
  );
  for (const role of STAFF_ROLES) {
    const token = await signStaffToken(config.jwt, { role, subject: `demo-${role.toLowerCase()}` });
    console.log(`  ${role.padEnd(30)} ${token}`);
  }
}

try {
  const config = loadConfig();
  // The rest is loaded once the configuration holds: a misconfigured start says so at once, not after seconds of
  // loading the gateway and every subgraph.
  const [{ startHub }, { exitOnSignals }] = await Promise.all([
    import('./start-hub.ts'),
    import('@motcua/lifecycle'),
  ]);
  const started = Date.now();
  const hub = await startHub(config);
  const where =
    config.database.kind === 'embedded'
      ? `embedded PostgreSQL in ${config.database.dataDir}/`
      : 'DATABASE_URL';
  console.log(`motcua hub ready in ${Date.now() - started} ms on ${where}`);
  console.log(`  gateway      ${hub.url}`);
  for (const [name, url] of Object.entries(hub.subgraphUrls)) console.log(`  ${name.padEnd(12)} ${url}`);
  console.log(`  health       ${hub.gatewayOrigin}/health/ready`);
  if (config.exampleData) await printDemoCredentials(config);
  console.log(
    `Try: curl -s ${hub.url} -H 'content-type: application/json' -d '${JSON.stringify({ query: EXAMPLE })}'`,
  );
  exitOnSignals(() => hub.stop());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
