import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { WebhookVerificationError };

/**
 * Checks a webhook the hub pushed, as the Standard Webhooks specification signs it (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature` headers; HMAC-SHA256 over id, timestamp and the raw body), and returns
 * the parsed payload. Throws `WebhookVerificationError` for a wrong or missing signature, or a timestamp more than
 * five minutes away (a replay). `body` must be the raw body as received, before any JSON parsing.
 */
export function verifyWebhook<T = unknown>(
  secret: string,
  body: string | Buffer,
  headers: Record<string, string | string[] | undefined>,
): T {
  const flat = Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(' ') : value]],
    ),
  );
  return new Webhook(secret).verify(body, flat) as T;
}
