import { loadConfig, localSubgraphUrls } from '@motcua/config';
import { listen } from '@motcua/lifecycle';
import express from 'express';
import { createGatewayApp, type GatewayOverrides } from '../../src/gateway-app.ts';

export type StubbedGateway = {
  origin: string;
  /** The GraphQL endpoint. */
  url: string;
  /** Calls the subgraphs received; tests set it to 0 and check that a refused request added none. */
  subgraphCalls: { count: number };
  stop: () => Promise<void>;
};

/**
 * The gateway, configured by `env` as an operator would, in front of a stand-in for every subgraph that answers
 * `data` to every call and counts them.
 */
export async function startStubbedGateway(
  data: unknown,
  env: Record<string, string> = {},
  overrides: GatewayOverrides = {},
): Promise<StubbedGateway> {
  const subgraphCalls = { count: 0 };
  const stub = express();
  stub.use(express.json());
  stub.post('/:name/graphql', (_req, res) => {
    subgraphCalls.count += 1;
    res.json({ data });
  });
  const subgraphs = await listen(stub);
  const gateway = await createGatewayApp(loadConfig(env), {
    ...overrides,
    subgraphUrls: localSubgraphUrls(subgraphs.origin),
  });
  const gatewayServer = await listen(gateway.app);
  const { origin } = gatewayServer;
  return {
    origin,
    url: `${origin}/graphql`,
    subgraphCalls,
    async stop() {
      await gateway.stop();
      await gatewayServer.close();
      await subgraphs.close();
    },
  };
}
