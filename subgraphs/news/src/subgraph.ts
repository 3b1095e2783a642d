import { loadTypeDefs } from '@motcua/shared-sdl';
import { entities } from './entities/index.ts';
import { campaignFeedRoutes } from './feeds/campaign-feed.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { ArticlesSeeder } from './seed/articles-seeder.ts';

/** The news subgraph: articles and what they add to services and units. */
export const newsSubgraph = {
  name: 'news',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  entities,
  migrations,
  seeders: [ArticlesSeeder],
  createLoaders,
  routes: campaignFeedRoutes,
};
