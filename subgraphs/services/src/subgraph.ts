import { entities } from './entities/index.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './schema.ts';
import { CatalogSeeder } from './seed/catalog-seeder.ts';

/** The services subgraph: everything the hub needs to serve it. */
export const servicesSubgraph = {
  name: 'services',
  typeDefs,
  resolvers,
  entities,
  migrations,
  seeders: [CatalogSeeder],
  createLoaders,
};
