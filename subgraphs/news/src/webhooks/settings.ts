import type { Config } from '@motcua/config';

export type WebhookSettings = Config['webhooks'];

/**
 * What the news subgraph takes from the configuration when it starts (one configuration per process): the
 * webhook settings, how to wake its delivery worker, the feed's retention and the public origin. Until then,
 * nothing is woken and endpoints are held to production's rules.
 */
export const webhookRuntime: {
  settings: WebhookSettings;
  wake: () => void;
  /** How many days of changes the partner feed keeps for replay (FEED_RETENTION_DAYS). */
  feedRetentionDays: number;
  /** The gateway's public origin, for links the news subgraph writes (article pages in ninjs). */
  publicOrigin: string;
} = {
  feedRetentionDays: 90,
  publicOrigin: 'http://127.0.0.1:4000',
  settings: {
    worker: false,
    retryScheduleMs: [
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000,
    ],
    timeoutMs: 15_000,
    concurrency: 8,
    pollMs: 500,
    allowHttp: false,
    allowPrivateAddresses: false,
  },
  wake: () => {},
};
