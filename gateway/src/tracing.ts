import { startTracing, traceRequests } from '@motcua/observability';
import { context, propagation } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

/**
 * Traces the gateway's `/graphql`: the process's tracing is registered (once) and each request becomes a span,
 * child of the client's `traceparent` if it sends one. Apollo Gateway makes its own spans (plan, fetch per
 * subgraph) below it through `@opentelemetry/api`.
 */
export function gatewayTracing(): RequestHandler {
  startTracing('motcua-gateway');
  return traceRequests();
}

/** Writes the active span (Apollo's fetch span) as `traceparent` into a subgraph call's headers. */
export function injectTraceContext(headers: { set: (name: string, value: string) => void }): void {
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}
