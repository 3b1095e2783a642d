import type { AddressInfo } from 'node:net';
import { type Orm, SqlCounter } from '@motcua/db';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { listen } from '@motcua/lifecycle';
import { ANONYMOUS } from '@motcua/roles';
import { type SubgraphModule, startSubgraph } from '@motcua/subgraph-runtime';
import express from 'express';
import { GraphQLClient } from 'graphql-request';
import { testConfig } from './test-config.ts';
import { createTestDatabase } from './test-database.ts';

export type TestSubgraph = {
  /** A client of the subgraph itself, as the gateway calls it for an anonymous caller. */
  client: GraphQLClient;
  url: string;
  orm: Orm;
  sql: SqlCounter;
  stop: () => Promise<void>;
};

/** One subgraph alone on a free port, over a fresh database; seeded with the example data when `seed` is true. */
export async function startTestSubgraph<Loaders>(
  module: SubgraphModule<Loaders>,
  { seed }: { seed: boolean },
): Promise<TestSubgraph> {
  const database = await createTestDatabase();
  const sql = new SqlCounter();
  const config = testConfig({ DATABASE_URL: database.url, EXAMPLE_DATA: String(seed) });
  const { identity } = config;
  try {
    const subgraph = await startSubgraph(module, config, { onSql: sql.listener });
    const app = express();
    app.use(`/${module.name}`, subgraph.router);
    const server = (await listen(app)).server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${module.name}/graphql`;
    // Signed per request: an identity lives a minute, a test file longer.
    const client = new GraphQLClient(url, {
      errorPolicy: 'all',
      requestMiddleware: async (request) => {
        const headers = new Headers(request.headers as ConstructorParameters<typeof Headers>[0]);
        headers.set(
          IDENTITY_HEADER,
          await signIdentity(ANONYMOUS, identity.signingKey as string, module.name),
        );
        return { ...request, headers };
      },
    });
    return {
      client,
      url,
      orm: subgraph.orm,
      sql,
      stop: async () => {
        server.closeIdleConnections();
        await new Promise((resolve) => server.close(resolve));
        await subgraph.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
