import type { DatabaseTarget } from '@motcua/config';
import { type Orm, openDatabase, type SqlListener } from '@motcua/db';
import { jsonErrorHandler } from '@motcua/errors';
import { type IdentityKeys, requireGatewayIdentity } from '@motcua/identity';
import { requestIdMiddleware, traceRequests } from '@motcua/observability';
import express, { type Router } from 'express';
import { createPeers, type PeerUrls } from './peers.ts';
import type { SubgraphModule } from './subgraph-module.ts';
import { createSubgraphServer, subgraphHandler } from './subgraph-server.ts';

export type RunningSubgraph = {
  name: string;
  orm: Orm;
  /** Serves `POST /graphql` (and GET for simple queries). */
  router: Router;
  stop: () => Promise<void>;
};

export type StartOptions = {
  database: DatabaseTarget;
  seed: boolean;
  /** Verify the identities that reach the subgraph (every route refuses a request without one) and sign its calls to peers. */
  identity: IdentityKeys;
  onSql?: SqlListener;
  /** Where the other subgraphs answer; may be filled in after the start. */
  peerUrls?: PeerUrls;
};

/** Opens the subgraph's database (migrated, seeded on demand) and starts its GraphQL server. */
export async function startSubgraph<Loaders>(
  module: SubgraphModule<Loaders>,
  options: StartOptions,
): Promise<RunningSubgraph> {
  const orm = await openDatabase({
    owner: module.name,
    target: options.database,
    entities: module.entities,
    migrations: module.migrations,
    onSql: options.onSql,
  });
  try {
    if (options.seed) await orm.seeder.seed(...module.seeders);
    else await module.retireExampleData?.(orm.em.fork());
    const server = createSubgraphServer(module);
    await server.start();
    const router = express.Router();
    const peers = createPeers(module.name, options.peerUrls ?? {}, options.identity.peerSecret);
    router.use(requestIdMiddleware(), traceRequests(), requireGatewayIdentity(options.identity, module.name));
    if (module.routes) router.use(module.routes(orm));
    router.use(
      '/graphql',
      express.json({ limit: '5mb' }),
      subgraphHandler(server, (caller) => {
        const em = orm.em.fork();
        return { em, loaders: module.createLoaders(em, caller), caller, peers };
      }),
    );
    router.use(jsonErrorHandler());
    return {
      name: module.name,
      orm,
      router,
      stop: async () => {
        await server.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
