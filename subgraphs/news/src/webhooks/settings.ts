import type { Config } from '@motcua/config';

export type WebhookSettings = Config['webhooks'];

/**
 * The webhook settings of this process and how to wake its delivery worker, set when the subgraph starts (one
 * configuration per process). Until then, nothing is woken and endpoints are held to production's rules.
 */
export const webhookRuntime: { settings: WebhookSettings; wake: () => void } = {
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
