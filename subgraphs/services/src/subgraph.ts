import { loadTypeDefs } from '@motcua/shared-sdl';
import { entities } from './entities/index.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { CatalogSeeder } from './seed/catalog-seeder.ts';

/** The services subgraph: everything the hub needs to serve it. */
export const servicesSubgraph = {
  name: 'services',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  entities,
  migrations,
  seeders: [CatalogSeeder],
  createLoaders,
};
