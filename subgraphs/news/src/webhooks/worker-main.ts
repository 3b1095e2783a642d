// The webhook delivery worker as a process of its own: `pnpm webhooks:worker` (DATABASE_URL, WEBHOOK_*). Any
// number may run beside the news subgraph (started with WEBHOOK_WORKER=false): they share the outbox.
import { loadConfig } from '@motcua/config';
import { openDatabase } from '@motcua/db';
import { exitOnSignals } from '@motcua/lifecycle';
import { entities } from '../entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { webhookRuntime } from './settings.ts';
import { startWebhookWorker } from './worker.ts';

const config = loadConfig();
const orm = await openDatabase({ owner: 'news', target: config.database, entities, migrations });
webhookRuntime.settings = config.webhooks;
webhookRuntime.feedRetentionDays = config.feedRetentionDays;
webhookRuntime.publicOrigin = config.publicUrl ?? `http://${config.host}:${config.port}`;
const worker = startWebhookWorker(orm, config.webhooks, config.feedRetentionDays, (message, error) =>
  console.error(message, error),
);
console.log(`webhook worker delivering, ${config.webhooks.concurrency} at a time`);
exitOnSignals(async () => {
  await worker.stop();
  await orm.close();
});
