import type { Config } from '@motcua/config';
import type { Orm } from '@motcua/db';
import { startRenditionWorker } from '../renditions/worker.ts';
import { webhookRuntime } from './settings.ts';
import { startWebhookWorker } from './worker.ts';

/**
 * The news subgraph's background work: the renditions worker unless RENDITION_WORKER=false, and webhooks.
 */
export function startBackground(orm: Orm, config: Config) {
  const renditions = config.renditionWorker
    ? startRenditionWorker(orm, (message, error) => console.error(message, error))
    : null;
  const webhooks = startWebhooks(orm, config);
  return {
    stop: async () => {
      await Promise.all([renditions?.stop(), webhooks.stop()]);
    },
  };
}

/**
 * The webhook settings of this process, and its delivery worker unless WEBHOOK_WORKER=false (then
 * `pnpm webhooks:worker` runs it as a process of its own; several may run at once).
 */
function startWebhooks(orm: Orm, config: Config) {
  webhookRuntime.settings = config.webhooks;
  webhookRuntime.feedRetentionDays = config.feedRetentionDays;
  webhookRuntime.publicOrigin = config.publicUrl ?? `http://${config.host}:${config.port}`;
  if (!config.webhooks.worker) return { stop: async () => {} };
  const worker = startWebhookWorker(orm, config.webhooks, config.feedRetentionDays, (message, error) =>
    console.error(message, error),
  );
  webhookRuntime.wake = worker.wake;
  return {
    stop: async () => {
      webhookRuntime.wake = () => {};
      await worker.stop();
    },
  };
}
