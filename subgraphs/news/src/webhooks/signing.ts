import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { WebhookSecret } from '../entities/webhook.ts';

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The secrets still signing at `now`: the newest, and the previous ones until they expire. */
export const liveSecrets = (secrets: WebhookSecret[], now = new Date()) =>
  secrets.filter((secret) => !secret.expiresAt || new Date(secret.expiresAt) > now);

/**
 * The Standard Webhooks headers of a message: `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature`, one `v1,<base64 HMAC-SHA256>` per live secret, separated by spaces, so a receiver that
 * still holds the previous secret during a rotation verifies as well as one that holds the new.
 */
export function signedHeaders(secrets: WebhookSecret[], id: string, body: string, at = new Date()) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': liveSecrets(secrets, at)
      .map((secret) => new Webhook(secret.secret).sign(id, at, body))
      .join(' '),
  };
}
