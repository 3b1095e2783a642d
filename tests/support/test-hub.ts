import { SqlCounter } from '@motcua/db';
import { type Hub, startHub } from '@motcua/hub';
import { createTestDatabase } from '@motcua/testkit';
import { GraphQLClient } from 'graphql-request';

export type TestHub = {
  hub: Hub;
  /** A client of the gateway, as a portal would use it; GraphQL errors come back in the response, not thrown. */
  client: GraphQLClient;
  /** SQL statements sent by each subgraph since the last `reset()`. */
  sql: Record<'services' | 'statistics' | 'news', SqlCounter>;
  databaseUrl: string;
  stop: () => Promise<void>;
};

/**
 * The whole graph for one test file: a fresh database on the real PostgreSQL, migrated and seeded with the
 * example data, the subgraphs and the gateway on free ports. `stop()` shuts everything down and drops the database.
 */
export async function startTestHub(): Promise<TestHub> {
  const database = await createTestDatabase();
  const sql = { services: new SqlCounter(), statistics: new SqlCounter(), news: new SqlCounter() };
  try {
    const hub = await startHub({
      database: { kind: 'postgres', url: database.url },
      host: '127.0.0.1',
      gatewayPort: 0,
      subgraphsPort: 0,
      seed: true,
      onSql: (subgraph, statement) => sql[subgraph].listener(statement),
    });
    return {
      hub,
      client: new GraphQLClient(hub.url, { errorPolicy: 'all' }),
      sql,
      databaseUrl: database.url,
      stop: async () => {
        await hub.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
