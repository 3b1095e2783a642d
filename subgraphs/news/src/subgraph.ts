import type { Orm } from '@motcua/db';
import express from 'express';
import { entities } from './entities/index.ts';
import { articlePageRoutes } from './feeds/article-page.ts';
import { campaignFeedRoutes } from './feeds/campaign-feed.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './schema.ts';
import { ArticlesSeeder } from './seed/articles-seeder.ts';
import { startBackground } from './webhooks/background.ts';

/** The news subgraph: articles and what they add to services and units. */
export const newsSubgraph = {
  name: 'news',
  typeDefs,
  resolvers,
  entities,
  migrations,
  seeders: [ArticlesSeeder],
  createLoaders,
  // Campaign feeds and the articles' public pages, for readers and partners without GraphQL.
  routes: (orm: Orm) => express.Router().use(campaignFeedRoutes(orm), articlePageRoutes(orm)),
  background: startBackground,
};
