import type { BaseContext } from '@apollo/server';
import type { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DatabaseOptions } from '@motcua/db';
import type { SubgraphDefinition } from '@motcua/graphql-kit';

/**
 * What every resolver receives: the request's own EntityManager (identity map), its own loaders, and the
 * caller's role (see `ROLE_HEADER`).
 */
export type SubgraphContext<Loaders> = BaseContext & {
  em: SqlEntityManager;
  loaders: Loaders;
  role: string | null;
};

/** Everything the hub needs to run a subgraph: its GraphQL contract and resolvers, its tables and data. */
export type SubgraphModule<Loaders> = SubgraphDefinition<SubgraphContext<Loaders>> & {
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  /** Seeders of the example data; each leaves an already seeded database alone. */
  seeders: (new () => Seeder)[];
  /** The request's loaders, created afresh for each request so nothing is shared between users. */
  createLoaders: (em: SqlEntityManager) => Loaders;
};
