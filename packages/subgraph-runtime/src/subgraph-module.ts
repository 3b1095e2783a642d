import type { BaseContext } from '@apollo/server';
import type { Seeder } from '@mikro-orm/seeder';
import type { DatabaseOptions, Orm } from '@motcua/db';
import type { SubgraphDefinition } from '@motcua/graphql-kit';

/** Everything the hub needs to run a subgraph: its GraphQL contract and resolvers, its tables and data. */
export type SubgraphModule<TContext extends BaseContext> = SubgraphDefinition<TContext> & {
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  /** Seeders of the example data; each leaves an already seeded database alone. */
  seeders: (new () => Seeder)[];
  createContext: (orm: Orm) => TContext;
};
