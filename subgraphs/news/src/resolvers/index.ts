import { loadPage } from '@motcua/paging';
import { scalarResolvers } from '@motcua/shared-sdl';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Article, FeedItem } from './article.ts';
import { Campaign } from './campaign.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  JSONObject: GraphQLJSONObject,
  Query,
  Mutation,
  Article,
  FeedItem,
  Campaign,
  PublicService: {
    __resolveReference: (reference) => reference,
    articles: ({ code }, args, { loaders }) => loadPage(loaders.serviceArticles, code, args, 2, 5),
    campaigns: async ({ code }, _, { loaders }) =>
      (await loaders.campaignsTargeting.load(code)).map((row) => row.campaign),
  },
  AdministrativeUnit: {
    __resolveReference: (reference) => reference,
    articles: ({ code }, args, { loaders }) => loadPage(loaders.unitArticles, code, args, 2, 5),
  },
  Indicator: {
    __resolveReference: (reference) => reference,
    articles: ({ id }, args, { loaders }) => loadPage(loaders.indicatorArticles, id, args, 2, 5),
  },
};
