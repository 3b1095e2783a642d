import { Article } from './article.ts';
import { ArticleChange } from './article-change.ts';
import { ArticleRendition } from './article-rendition.ts';
import { Campaign, MediaPartner } from './campaign.ts';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.ts';

export {
  Article,
  ArticleChange,
  ArticleRendition,
  Campaign,
  MediaPartner,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
};
export const entities = [
  Article,
  ArticleChange,
  ArticleRendition,
  Campaign,
  MediaPartner,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
];
