import { scalarResolvers } from '@motcua/shared-sdl';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AdministrativeUnit } from './AdministrativeUnit.ts';
import { Article } from './Article.ts';
import { ArticleRendition } from './ArticleRendition.ts';
import { Campaign } from './Campaign.ts';
import { FeedItem } from './FeedItem.ts';
import { Indicator } from './Indicator.ts';
import { Mutation } from './Mutation.ts';
import { PublicService } from './PublicService.ts';
import { Query } from './Query.ts';
import { WebhookDelivery } from './WebhookDelivery.ts';
import { WebhookEndpoint } from './WebhookEndpoint.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  JSONObject: GraphQLJSONObject,
  Query,
  Mutation,
  Article,
  ArticleRendition,
  FeedItem,
  Campaign,
  PublicService,
  AdministrativeUnit,
  Indicator,
  WebhookEndpoint,
  WebhookDelivery,
};
