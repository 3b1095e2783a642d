import type { Config, SubgraphName, SubgraphUrls } from '@motcua/config';
import { localSubgraphUrls, SUBGRAPH_NAMES } from '@motcua/config';
import { claimEmbeddedData } from '@motcua/db';
import { createGatewayApp, type GatewayOverrides } from '@motcua/gateway';
import { drainOnClose, listen } from '@motcua/lifecycle';
import { type PeerUrls, type RunningSubgraph, startSubgraph } from '@motcua/subgraph-runtime';
import express from 'express';
import { loadSubgraphModules } from './subgraph-modules.ts';

export type HubOptions = {
  /** Told of every SQL statement, with the subgraph that sent it. */
  onSql?: (subgraph: SubgraphName, sql: string) => void;
  /** Policy values a test or benchmark narrows or widens (see `GatewayOverrides`). */
  gateway?: Omit<GatewayOverrides, 'subgraphUrls'>;
};

export type Hub = {
  /** The gateway's GraphQL endpoint. */
  url: string;
  gatewayOrigin: string;
  subgraphUrls: SubgraphUrls;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Refuses new connections, lets the requests in flight finish, then closes the subgraphs and databases. */
  stop: () => Promise<void>;
};

/**
 * The whole hub in one process: every subgraph on one HTTP server at `/<name>/graphql` (SUBGRAPHS_PORT), and the
 * gateway in front of them (PORT); port 0 picks a free one. The same code serves `pnpm start` and the tests.
 */
export async function startHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const modules = await loadSubgraphModules();
  // Filled in once the subgraphs listen: their port may be chosen by the system.
  const peerUrls: PeerUrls = {};
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) =>
      startSubgraph(modules[name], config, {
        onSql: options.onSql && ((sql) => options.onSql?.(name, sql)),
        peerUrls,
      }),
    ),
  );
  const subgraphs = Object.fromEntries(
    started.map((subgraph) => [subgraph.name, subgraph]),
  ) as Hub['subgraphs'];
  const subgraphApp = express();
  for (const subgraph of started) subgraphApp.use(`/${subgraph.name}`, subgraph.router);
  const subgraphServer = await listen(subgraphApp, {
    port: config.subgraphsPort,
    host: config.host,
    limits: config.http,
  });
  const drainSubgraphs = drainOnClose(subgraphServer.server);
  const subgraphUrls = localSubgraphUrls(subgraphServer.origin);
  Object.assign(peerUrls, subgraphUrls);

  // Loaded only when chosen: the Rust planner is a native module the Apollo gateway has no use for.
  const engine =
    config.gatewayEngine === 'hive' ? (await import('@motcua/hive-gateway')).hiveEngine : undefined;
  const gateway = await createGatewayApp(config, { ...options.gateway, subgraphUrls, engine });
  const gatewayServer = await listen(gateway.app, {
    port: config.port,
    host: config.host,
    limits: config.http,
  });
  const drainGateway = drainOnClose(gatewayServer.server);
  // Commands that write to the embedded databases (the statistics import) find the hub here and go through it.
  const release =
    config.database.kind === 'embedded' && config.database.dataDir !== 'memory://'
      ? claimEmbeddedData(config.database.dataDir, gatewayServer.origin)
      : () => {};

  return {
    url: `${gatewayServer.origin}/graphql`,
    gatewayOrigin: gatewayServer.origin,
    subgraphUrls,
    subgraphs,
    async stop() {
      // One bound for the whole stop: the gateway's requests in flight are waiting on the subgraphs.
      release();
      const deadline = AbortSignal.timeout(config.shutdownTimeoutMs);
      await drainGateway(deadline);
      await gateway.stop();
      await drainSubgraphs(deadline);
      await Promise.all(started.map((subgraph) => subgraph.stop()));
    },
  };
}
