import { Article } from './article.ts';
import { ArticleChange } from './article-change.ts';
import { Campaign, MediaPartner } from './campaign.ts';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.ts';

export { Article, ArticleChange, Campaign, MediaPartner, WebhookAttempt, WebhookDelivery, WebhookEndpoint };
export const entities = [
  Article,
  ArticleChange,
  Campaign,
  MediaPartner,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
];
