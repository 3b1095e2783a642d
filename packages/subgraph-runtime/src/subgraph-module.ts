import type { BaseContext } from '@apollo/server';
import type { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Config } from '@motcua/config';
import type { DatabaseOptions, Orm } from '@motcua/db';
import type { Caller } from '@motcua/roles';
import type { Router } from 'express';
import type { Peers } from './peers.ts';
import type { SubgraphDefinition } from './subgraph-server.ts';

/**
 * What every resolver receives: the request's own EntityManager (identity map), its own loaders, who calls (as
 * the gateway authenticated and signed it), and how to reach the other subgraphs.
 */
export type SubgraphContext<Loaders> = BaseContext & {
  em: SqlEntityManager;
  loaders: Loaders;
  caller: Caller;
  peers: Peers;
};

/** Everything the hub needs to run a subgraph: its GraphQL contract and resolvers, its tables and data. */
export type SubgraphModule<Loaders> = SubgraphDefinition & {
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  /** Seeders of the example data; each leaves an already seeded database alone. */
  seeders: (new () => Seeder)[];
  /**
   * What a start without the example data must undo of it, if a database once had it (the demo keys, whose
   * secrets are published, must not open a production hub).
   */
  retireExampleData?: (em: SqlEntityManager) => Promise<void>;
  /** The request's loaders, created afresh for each request so nothing is shared between callers. */
  createLoaders: (em: SqlEntityManager, caller: Caller) => Loaders;
  /** Plain HTTP routes served beside `/graphql` (e.g. feeds for partners without GraphQL, bulk imports). */
  routes?: (orm: Orm, peers: Peers) => Router;
  /** Work the subgraph does in the background while it runs (e.g. delivering webhooks), stopped before the database. */
  background?: (orm: Orm, config: Config) => { stop: () => Promise<void> };
};
