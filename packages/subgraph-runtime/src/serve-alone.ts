import { loadConfig } from '@motcua/config';
import { drainOnClose, exitOnSignals, listen } from '@motcua/lifecycle';
import { startTracing } from '@motcua/observability';
import express from 'express';
import { startSubgraph } from './start-subgraph.ts';
import type { SubgraphModule } from './subgraph-module.ts';

/**
 * Runs one subgraph as its own process (a deployment with one service per subgraph), on PORT, at
 * `/<name>/graphql`: the same path as in the local hub, so only the host changes between the two.
 */
export async function serveAlone<Loaders>(module: SubgraphModule<Loaders>): Promise<void> {
  const config = loadConfig();
  startTracing(`motcua-${module.name}`);
  const subgraph = await startSubgraph(module, config);
  const app = express();
  app.use(`/${module.name}`, subgraph.router);
  const { server, origin } = await listen(app, { port: config.port, host: config.host, limits: config.http });
  console.log(`${module.name} subgraph on ${origin}/${module.name}/graphql`);
  const drain = drainOnClose(server);
  exitOnSignals(async () => {
    await drain(AbortSignal.timeout(config.shutdownTimeoutMs));
    await subgraph.stop();
  });
}
