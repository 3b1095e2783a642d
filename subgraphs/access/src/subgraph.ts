import { entities } from './entities/index.ts';
import { keyVerificationRoutes } from './keys/verify-route.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './schema.ts';
import { DemoKeysSeeder, revokeDemoKeys } from './seed/demo-keys-seeder.ts';

/** The access subgraph: API keys (issued, listed, revoked by admins; verified for the gateway) and the viewer. */
export const accessSubgraph = {
  name: 'access',
  typeDefs,
  resolvers,
  entities,
  migrations,
  seeders: [DemoKeysSeeder],
  retireExampleData: revokeDemoKeys,
  createLoaders,
  routes: keyVerificationRoutes,
};
