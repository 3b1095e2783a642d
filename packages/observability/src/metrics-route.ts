import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** Compares two secrets in constant time (their hashes have the same length, whatever was sent). */
const sameSecret = (sent: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(sent).digest(), createHash('sha256').update(expected).digest());

/** `GET /metrics` for a Prometheus scraper: open, or for the bearer of METRICS_TOKEN when one is configured. */
export function metricsRoute(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (token && !sameSecret(req.get('authorization') ?? '', `Bearer ${token}`)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('Send the metrics token');
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
