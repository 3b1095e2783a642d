import { entities } from './entities/index.ts';
import { campaignFeedRoutes } from './feeds/campaign-feed.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './schema.ts';
import { ArticlesSeeder } from './seed/articles-seeder.ts';
import { startWebhooks } from './webhooks/background.ts';

/** The news subgraph: articles and what they add to services and units. */
export const newsSubgraph = {
  name: 'news',
  typeDefs,
  resolvers,
  entities,
  migrations,
  seeders: [ArticlesSeeder],
  createLoaders,
  routes: campaignFeedRoutes,
  background: startWebhooks,
};
