import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@motcua/config';
import { type Orm, SqlCounter } from '@motcua/db';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { ANONYMOUS } from '@motcua/roles';
import { type StartOptions, type SubgraphModule, startSubgraph } from '@motcua/subgraph-runtime';
import express from 'express';
import { GraphQLClient } from 'graphql-request';
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
  { seed }: Pick<StartOptions, 'seed'>,
): Promise<TestSubgraph> {
  const database = await createTestDatabase();
  const sql = new SqlCounter();
  const { identity } = loadConfig({});
  try {
    const subgraph = await startSubgraph(module, {
      database: { kind: 'postgres', url: database.url },
      seed,
      identity,
      onSql: sql.listener,
    });
    const app = express();
    app.use(`/${module.name}`, subgraph.router);
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
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
