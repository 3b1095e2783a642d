// `pnpm start`: the whole hub, seeded with the Hà Nội example data. With no DATABASE_URL it runs on an embedded
// PostgreSQL kept under DATA_DIR (default .data/; `pnpm reset` empties it).
import { ConfigError, loadConfig } from '@motcua/config';
import { exitOnSignals } from '@motcua/graphql-kit';
import { startHub } from './start-hub.ts';

const EXAMPLE = `{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received onlineRate } articles { nodes { headline } } } }`;

try {
  const config = loadConfig();
  const started = Date.now();
  const hub = await startHub({
    database: config.database,
    host: config.host,
    gatewayPort: config.port,
    subgraphsPort: config.subgraphsPort,
    seed: config.nodeEnv !== 'production',
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    corsOrigins: config.corsOrigins,
    introspection: config.nodeEnv !== 'production',
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  const where =
    config.database.kind === 'embedded'
      ? `embedded PostgreSQL in ${config.database.dataDir}/`
      : 'DATABASE_URL';
  console.log(`motcua hub ready in ${Date.now() - started} ms on ${where}`);
  console.log(`  gateway      ${hub.url}`);
  for (const [name, url] of Object.entries(hub.subgraphUrls)) console.log(`  ${name.padEnd(12)} ${url}`);
  console.log(`  health       ${hub.gatewayOrigin}/health/ready`);
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
