import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessSubgraph } from '@motcua/access';
import type { Config, DatabaseTarget } from '@motcua/config';
import type { SqlListener } from '@motcua/db';
import {
  createGatewayApp,
  type GatewayLimitOptions,
  localSubgraphUrls,
  SUBGRAPH_NAMES,
  type SubgraphName,
  type SubgraphUrls,
} from '@motcua/gateway';
import type { IdentityKeys } from '@motcua/identity';
import { drainOnClose } from '@motcua/lifecycle';
import { newsSubgraph } from '@motcua/news';
import { servicesSubgraph } from '@motcua/services';
import { statisticsSubgraph } from '@motcua/statistics';
import {
  type PeerUrls,
  type RunningSubgraph,
  type StartOptions,
  startSubgraph,
} from '@motcua/subgraph-runtime';
import express, { type Express } from 'express';

const STARTERS: Record<SubgraphName, (options: StartOptions) => Promise<RunningSubgraph>> = {
  services: (options) => startSubgraph(servicesSubgraph, options),
  statistics: (options) => startSubgraph(statisticsSubgraph, options),
  news: (options) => startSubgraph(newsSubgraph, options),
  access: (options) => startSubgraph(accessSubgraph, options),
};

export type HubOptions = {
  database: DatabaseTarget;
  host: string;
  /** Port of the gateway; 0 picks a free one. */
  gatewayPort: number;
  /** Port of the HTTP server that mounts every subgraph; 0 picks a free one. */
  subgraphsPort: number;
  seed: boolean;
  /** The keys of the identities that travel to the subgraphs (the gateway's signing key included), and how staff JWTs are checked. */
  identity: IdentityKeys & { signingKey: string };
  jwt: Config['jwt'];
  /** How long the gateway waits for a subgraph (default 10 s). */
  subgraphTimeoutMs?: number;
  corsOrigins?: string[];
  metricsToken?: string;
  publicUrl?: string;
  introspection?: boolean;
  /** Rate limits and trusted documents mode of the gateway (its defaults without them). */
  limits?: GatewayLimitOptions;
  /** How long `stop()` lets the requests in flight finish before cutting them (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Told of every SQL statement, with the subgraph that sent it. */
  onSql?: (subgraph: SubgraphName, sql: string) => void;
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

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The whole hub in one process: the four subgraphs on one HTTP server at `/<name>/graphql`, and the gateway in
 * front of them. The same code serves `pnpm start` and the end-to-end tests.
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  // Filled in once the subgraphs listen: their port may be chosen by the system.
  const peerUrls: PeerUrls = {};
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) => {
      const onSql: SqlListener | undefined = options.onSql && ((sql) => options.onSql?.(name, sql));
      return STARTERS[name]({
        database: options.database,
        seed: options.seed,
        identity: options.identity,
        onSql,
        peerUrls,
      });
    }),
  );
  const subgraphs = Object.fromEntries(
    started.map((subgraph) => [subgraph.name, subgraph]),
  ) as Hub['subgraphs'];
  const subgraphApp = express();
  for (const subgraph of started) subgraphApp.use(`/${subgraph.name}`, subgraph.router);
  const subgraphServer = await listen(subgraphApp, options.subgraphsPort, options.host);
  const drainSubgraphs = drainOnClose(subgraphServer);
  const subgraphsOrigin = `http://${options.host}:${(subgraphServer.address() as AddressInfo).port}`;
  const subgraphUrls = localSubgraphUrls(subgraphsOrigin);
  Object.assign(peerUrls, subgraphUrls);

  const gateway = await createGatewayApp(
    subgraphUrls,
    { signingKey: options.identity.signingKey, jwt: options.jwt },
    {
      subgraphTimeoutMs: options.subgraphTimeoutMs,
      corsOrigins: options.corsOrigins,
      metricsToken: options.metricsToken,
      publicUrl: options.publicUrl,
      introspection: options.introspection,
      ...options.limits,
    },
  );
  const gatewayServer = await listen(gateway.app, options.gatewayPort, options.host);
  const drainGateway = drainOnClose(gatewayServer);
  const gatewayOrigin = `http://${options.host}:${(gatewayServer.address() as AddressInfo).port}`;

  return {
    url: `${gatewayOrigin}/graphql`,
    gatewayOrigin,
    subgraphUrls,
    subgraphs,
    async stop() {
      // One bound for the whole stop: the gateway's requests in flight are waiting on the subgraphs.
      const deadline = AbortSignal.timeout(options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
      await drainGateway(deadline);
      await gateway.stop();
      await drainSubgraphs(deadline);
      await Promise.all(started.map((subgraph) => subgraph.stop()));
    },
  };
}
