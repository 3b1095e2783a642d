import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A message as the receiver got it, with whether its signature verified. */
export type Received = {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: {
    type: string;
    timestamp: string;
    data: Record<string, unknown> & { id?: string; cursor?: string };
  };
  verified: boolean;
  at: number;
};

/** How the receiver answers the next request: a status (with headers), or holding it open until released. */
export type Answer = { status: number; headers?: Record<string, string> } | 'hold';

/**
 * A partner's webhook endpoint: a real HTTP server on a free port that verifies every message with the Standard
 * Webhooks library against the secrets it was given, and answers as the test scripts it (2xx by default).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const script: Answer[] = [];
  const held: (() => void)[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  let secrets: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      const verified =
        secrets.length > 0 &&
        secrets.every((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
      received.push({
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
        body,
        payload: JSON.parse(body),
        verified,
        at: performance.now(),
      });
      for (const waiter of [...waiters]) {
        if (waiter.test()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      const answer = script.shift() ?? { status: 204 };
      if (answer === 'hold') {
        held.push(() => {
          if (!res.writableEnded) res.writeHead(200).end();
        });
        return;
      }
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** Messages other than the verification pings. */
    changes: () => received.filter((message) => message.payload.type !== 'webhook.ping'),
    /** The secrets every message must verify with (all of them, e.g. the old and the new during a rotation). */
    verifyWith: (...values: string[]) => {
      secrets = values;
    },
    /** Answers the next requests so, in order; then 204 again. */
    answer: (...answers: Answer[]) => script.push(...answers),
    /** Answers the requests held open. */
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
    until: (test: () => boolean, timeoutMs = 20_000) =>
      test()
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(new Error(`the receiver did not get what was expected (${received.length} messages)`)),
              timeoutMs,
            );
            waiters.push({
              test,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
