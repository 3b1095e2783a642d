import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPublicAddress } from './address-guard.ts';
import type { WebhookSettings } from './settings.ts';

/** How an endpoint answered one attempt. */
export type Outcome = {
  statusCode: number | null;
  /** What `Retry-After` asked for, in milliseconds (429 and 503 answers). */
  retryAfterMs: number | null;
  error: string | null;
  durationMs: number;
};

/** `Retry-After` as seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string | undefined): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * POSTs one message. The whole exchange is bounded by the timeout (a slow endpoint holds one delivery slot for at
 * most that long), only the first 4 KB of the answer are read, redirects are not followed, and the connection
 * goes only to a public address outside development (checked when connecting).
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  settings: WebhookSettings,
): Promise<Outcome> {
  const started = performance.now();
  const done = (outcome: Omit<Outcome, 'durationMs'>): Outcome => ({
    ...outcome,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let request: http.ClientRequest;
    try {
      const target = new URL(url);
      // An address written in the URL is connected to without a lookup: checked here instead.
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && !settings.allowPrivateAddresses && !isPublicAddress(literal)) {
        throw new Error(`${literal} is not a public address`);
      }
      const client = target.protocol === 'https:' ? https : http;
      request = client.request(target, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'motcua-webhooks/1',
        },
        lookup: guardedLookup(settings) as never,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      resolve(done({ statusCode: null, retryAfterMs: null, error: (error as Error).message }));
      return;
    }
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > 4096) response.destroy();
      });
      const finish = () =>
        resolve(
          done({
            statusCode: response.statusCode ?? null,
            retryAfterMs: retryAfterMs(response.headers['retry-after']),
            error: null,
          }),
        );
      response.on('end', finish);
      response.on('close', finish);
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        done({
          statusCode: null,
          retryAfterMs: null,
          error:
            error.name === 'AbortError' || error.name === 'TimeoutError'
              ? `no answer within ${settings.timeoutMs} ms`
              : error.message,
        }),
      ),
    );
    request.end(body);
  });
}
