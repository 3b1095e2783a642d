import { startTracing, traceRequests } from '@motcua/observability';
import type { RequestHandler } from 'express';

/**
 * Traces the gateway's `/graphql`: the process's tracing is registered (once) and each request becomes a span,
 * child of the client's `traceparent` if it sends one. Apollo Gateway makes its own spans (plan, fetch per
 * subgraph) below it through `@opentelemetry/api`, and each call it makes to a subgraph is a client span below
 * those, which carries the trace to the subgraph (undici instrumentation, see `startTracing`).
 */
export function gatewayTracing(): RequestHandler {
  startTracing('motcua-gateway');
  return traceRequests();
}
