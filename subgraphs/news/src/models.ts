// What each GraphQL type of the news subgraph is on the server: codegen maps every type exported here, by its
// name, to this model (see packages/codegen). `Context` is what every resolver receives.
import type { Connection } from '@motcua/paging';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import type { Article, Campaign } from './entities/index.ts';
import type { NewsLoaders } from './loaders/index.ts';

export type { Article, Campaign, MediaPartner, WebhookEndpoint } from './entities/index.ts';
export type { FeedEntry as FeedItem } from './sql/partner-feed.ts';
export type { RenditionRow as ArticleRendition } from './sql/renditions.ts';
export type { DeliveryRow as WebhookDelivery } from './sql/webhook-deliveries.ts';

export type ArticleConnection = Connection<Article>;
export type CampaignConnection = Connection<Campaign>;

export type Context = SubgraphContext<NewsLoaders>;
