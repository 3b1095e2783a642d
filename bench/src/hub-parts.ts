import { GATEWAY_NODE_OPTIONS } from '@motcua/gateway/node-options';
// The hub as production runs it: each subgraph and the gateway in a process of its own, started through their
// `main.ts` on the machine's PostgreSQL, configured only by the environment the README documents.
import {
  baseEnvironment,
  type Child,
  HUB_ENTRY_POINTS,
  SUBGRAPHS,
  type Subgraph,
  spawnNode,
  waitForHttp,
} from './processes.ts';

export type HubPorts = { gateway: number } & Record<Subgraph, number>;

export type HubParts = {
  gatewayUrl: string | null;
  subgraphUrls: Record<Subgraph, string>;
  children: Child[];
  stop: () => Promise<void>;
};

export const subgraphUrl = (name: Subgraph, port: number) => `http://127.0.0.1:${port}/${name}/graphql`;

/**
 * Starts the four subgraphs (they migrate their schemas and, in development, seed the example data on first start)
 * and, unless told otherwise, the gateway in front of them; resolves once every one answers HTTP.
 */
export async function startHubParts(
  databaseUrl: string,
  ports: HubPorts,
  logDir: string,
  { gateway = true }: { gateway?: boolean } = {},
): Promise<HubParts> {
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((name) => [name, subgraphUrl(name, ports[name])]),
  ) as Record<Subgraph, string>;
  const shared = {
    ...baseEnvironment(),
    DATABASE_URL: databaseUrl,
    SERVICES_URL: subgraphUrls.services,
    STATISTICS_URL: subgraphUrls.statistics,
    NEWS_URL: subgraphUrls.news,
    ACCESS_URL: subgraphUrls.access,
  };
  const children: Child[] = [];
  const stop = async () => {
    // The gateway first, so it does not report subgraphs going away.
    for (const child of [...children].reverse()) await child.stop();
  };
  try {
    const subgraphs = SUBGRAPHS.map((name) =>
      spawnNode(name, HUB_ENTRY_POINTS[name], [], { ...shared, PORT: String(ports[name]) }, logDir),
    );
    children.push(...subgraphs);
    await Promise.all(
      subgraphs.map((child, at) => waitForHttp(subgraphUrls[SUBGRAPHS[at] as Subgraph], child)),
    );
    let gatewayUrl: string | null = null;
    if (gateway) {
      const child = spawnNode(
        'gateway',
        HUB_ENTRY_POINTS.gateway,
        [],
        {
          ...shared,
          PORT: String(ports.gateway),
          // The per-IP allowance (1,200 a minute) would refuse the load generator, which is one address.
          RATE_LIMIT_PER_IP: '1000000000',
          NODE_OPTIONS: GATEWAY_NODE_OPTIONS,
        },
        logDir,
      );
      children.push(child);
      gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
      await waitForHttp(gatewayUrl, child);
    }
    return { gatewayUrl, subgraphUrls, children, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
