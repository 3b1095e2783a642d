import type { WebhookDeliveryResolvers } from '../generated/resolvers-types.ts';
import { cursorOf, itemIdOf } from '../sql/partner-feed.ts';
import { eventTypeOf } from '../webhooks/payload.ts';

// Timestamps from raw SQL come as PostgreSQL writes them: made Dates for the DateTime scalar.
export const WebhookDelivery: WebhookDeliveryResolvers = {
  itemId: (delivery) => itemIdOf(Number(delivery.change_seq)),
  cursor: (delivery) => cursorOf(Number(delivery.change_seq)),
  eventType: (delivery) => eventTypeOf(delivery),
  nextAttemptAt: (delivery) => (delivery.status === 'PENDING' ? new Date(delivery.next_attempt_at) : null),
  deliveredAt: (delivery) => (delivery.delivered_at ? new Date(delivery.delivered_at) : null),
  attempts: async (delivery, _, { loaders }) =>
    (await loaders.deliveryAttempts.load(String(delivery.id))).map((attempt) => ({
      at: new Date(attempt.at),
      statusCode: attempt.status_code,
      durationMs: attempt.duration_ms,
      error: attempt.error,
    })),
};
