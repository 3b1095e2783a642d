// `pnpm start`: the whole hub, seeded with the Hà Nội example data. With no DATABASE_URL it runs on an embedded
// PostgreSQL kept under DATA_DIR (default .data/; `pnpm reset` empties it).
import { ConfigError, loadConfig } from '@motcua/config';
import type { DemoCredential } from './demo-credentials.ts';

const EXAMPLE = `{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received onlineRate } articles { nodes { headline } } } }`;

/** The seeded demo keys, and staff tokens signed with the configured secret, so every role can be tried at once. */
function printDemoCredentials(credentials: DemoCredential[]) {
  const keys = credentials.filter((credential) => credential.kind === 'api key');
  const tokens = credentials.filter((credential) => credential.kind === 'staff token');
  console.log('Demo API keys (header x-api-key; development only):');
  for (const { label, value } of keys) console.log(`  ${label.padEnd(30)} ${value}`);
  if (!tokens.length) return;
  console.log(
    'Staff tokens for 12 h (header Authorization: Bearer …; `pnpm staff-token <ROLE>` makes more):',
  );
  for (const { label, value } of tokens)
    console.log(`  ${label.replace(' (token)', '').padEnd(30)} ${value}`);
}

try {
  const config = loadConfig();
  // The rest is loaded once the configuration holds: a misconfigured start says so at once, not after seconds of
  // loading the gateway and every subgraph.
  const [{ startHub }, { exitOnSignals }, { demoCredentials }] = await Promise.all([
    import('./start-hub.ts'),
    import('@motcua/lifecycle'),
    import('./demo-credentials.ts'),
  ]);
  const credentials = await demoCredentials(config);
  const started = Date.now();
  // The IDE's "Send as" picker offers the same credentials as printed below.
  const hub = await startHub(config, { gateway: { idePersonas: credentials } });
  const where =
    config.database.kind === 'embedded'
      ? `embedded PostgreSQL in ${config.database.dataDir}/`
      : 'DATABASE_URL';
  console.log(`motcua hub ready in ${Date.now() - started} ms on ${where}`);
  console.log(`  gateway      ${hub.url}`);
  for (const [name, url] of Object.entries(hub.subgraphUrls)) console.log(`  ${name.padEnd(12)} ${url}`);
  console.log(`  health       ${hub.gatewayOrigin}/health/ready`);
  if (config.ide) console.log(`  GraphiQL     ${hub.url} (in a browser)`);
  console.log(`  pages        ${hub.gatewayOrigin}/`);
  if (credentials.length) printDemoCredentials(credentials);
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
