import { inBackground, type Orm } from '@motcua/db';
import { MediaPartner } from '../entities/index.ts';
import { pruneFeedLog } from '../newsroom/feed-log.ts';
import { catchUpFeed } from '../sql/partner-feed.ts';
import {
  type ClaimedDelivery,
  claimNextDelivery,
  recordAttempt,
  setEndpointStatus,
  skipDelivery,
} from '../sql/webhook-deliveries.ts';
import { messageOf } from './payload.ts';
import { type Outcome, postWebhook } from './send.ts';
import type { WebhookSettings } from './settings.ts';
import { signedHeaders } from './signing.ts';

export type WebhookWorker = {
  /** Looks for due deliveries now rather than at the next poll (a change was just committed). */
  wake: () => void;
  /** Lets the deliveries in flight finish (each bounded by the timeout), then stops. */
  stop: () => Promise<void>;
};

/** The delay before retry `attempts` (1 for the first retry): the schedule's, with ±20 % jitter. */
export function retryDelayMs(schedule: readonly number[], attempts: number): number | null {
  const base = schedule[attempts - 1];
  return base === undefined ? null : Math.round(base * (0.8 + Math.random() * 0.4));
}

/** What an attempt's outcome means for the delivery (and, on 410 or exhaustion, for its endpoint). */
function nextStep(claimed: ClaimedDelivery, outcome: Outcome, settings: WebhookSettings) {
  const code = outcome.statusCode;
  if (code !== null && code >= 200 && code < 300) return { delivery: { status: 'DELIVERED' as const } };
  const said = code === null ? (outcome.error ?? 'no answer') : `answered HTTP ${code}`;
  if (code === 410) {
    // Gone: the partner took the endpoint down. The delivery waits for the endpoint to be verified again.
    return {
      delivery: { status: 'PENDING' as const, attempts: claimed.attempts, at: new Date(), reason: said },
      disable: 'the endpoint answered 410 Gone: deliveries stopped (verifyWebhookEndpoint resumes them)',
    };
  }
  if ((code === 429 || code === 503) && outcome.retryAfterMs !== null) {
    // Asked to come back later: not a failure, so it does not use up the retry schedule.
    const longest = Math.max(...settings.retryScheduleMs);
    return {
      delivery: {
        status: 'PENDING' as const,
        attempts: claimed.attempts,
        at: new Date(Date.now() + Math.min(outcome.retryAfterMs, longest)),
        reason: `${said}, Retry-After ${Math.round(outcome.retryAfterMs / 1000)} s`,
      },
    };
  }
  const attempts = claimed.attempts + 1;
  const delay = retryDelayMs(settings.retryScheduleMs, attempts);
  if (delay === null) {
    return {
      delivery: { status: 'FAILED' as const, attempts, reason: `${said}; every retry failed` },
      disable: `every retry of a delivery failed (last: ${said}): deliveries stopped (verifyWebhookEndpoint resumes them)`,
    };
  }
  return {
    delivery: { status: 'PENDING' as const, attempts, at: new Date(Date.now() + delay), reason: said },
  };
}

/**
 * Sends the outbox's due deliveries, `concurrency` at a time. Each delivery is claimed, sent and recorded in one
 * transaction: if the process dies while sending, the claim is released with its connection and the delivery is
 * sent again (with the same `webhook-id`, so the receiver can drop the copy it may have got); if it dies before,
 * nothing was sent. Releases of embargoes and scheduled times are logged here too, so they are pushed without
 * anyone reading the feed.
 */
export function startWebhookWorker(
  orm: Orm,
  settings: WebhookSettings,
  /** Days of changes the feed keeps: older superseded changes are pruned hourly (and at start). */
  retentionDays: number,
  log: (message: string, error: unknown) => void = () => {},
): WebhookWorker {
  let stopped = false;
  let prunedAt = 0;
  let sleepers: (() => void)[] = [];
  const wake = () => {
    const waiting = sleepers;
    sleepers = [];
    for (const resolve of waiting) resolve();
  };
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, settings.pollMs);
      sleepers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function deliverOne(): Promise<boolean> {
    const em = orm.em.fork();
    return em.transactional(async (tx) => {
      const claimed = await claimNextDelivery(tx);
      if (!claimed) return false;
      const partner = await tx.findOne(MediaPartner, { code: claimed.partner_code });
      const message = partner ? await messageOf(tx, partner, Number(claimed.change_seq)) : null;
      if (!message) {
        await skipDelivery(
          tx,
          claimed.id,
          partner
            ? 'the partner no longer receives this change (a newer change of the article supersedes it, or its embargo or licence)'
            : 'the partner no longer exists',
        );
        return true;
      }
      const outcome = await postWebhook(
        claimed.url,
        signedHeaders(claimed.secrets, message.id, message.body),
        message.body,
        settings,
      );
      const step = nextStep(claimed, outcome, settings);
      await recordAttempt(tx, claimed.id, outcome, step.delivery);
      if (step.disable) await setEndpointStatus(tx, claimed.endpoint_id, 'DISABLED', step.disable);
      return true;
    });
  }

  async function slot(index: number) {
    while (!stopped) {
      let worked = false;
      try {
        // Its statements are nobody's request (they are not counted with the requests served meanwhile).
        worked = await inBackground(async () => {
          if (index === 0) await catchUpFeed(orm.em.fork());
          if (index === 0 && Date.now() - prunedAt > 3_600_000) {
            prunedAt = Date.now();
            await pruneFeedLog(orm.em.fork(), retentionDays);
          }
          return deliverOne();
        });
      } catch (error) {
        log('webhook delivery failed', error);
      }
      if (!worked && !stopped) await nap();
    }
  }

  const slots = Array.from({ length: settings.concurrency }, (_, index) => slot(index));
  return {
    wake,
    stop: async () => {
      stopped = true;
      wake();
      // A send is bounded by its timeout, but a slot may also wait for a database connection that is not coming
      // back (a lost database): past the send timeout the subgraph closes its pool, which rolls the delivery back
      // into the outbox (sent again later, same webhook-id) instead of holding the shutdown.
      let gaveUp: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(slots),
        new Promise((resolve) => {
          gaveUp = setTimeout(resolve, settings.timeoutMs + 1_000);
        }),
      ]);
      clearTimeout(gaveUp);
    },
  };
}
