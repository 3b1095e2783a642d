export { type CursorStore, type FeedItem, type FeedPage, memoryCursorStore } from './feed.ts';
export * from './generated/graphql.ts';
export { createMotcuaClient, type MotcuaClient, type MotcuaClientOptions } from './motcua-client.ts';
export { verifyWebhook, WebhookVerificationError } from './webhooks.ts';
