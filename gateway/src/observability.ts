import type { ApolloServerPlugin } from '@apollo/server';
import { logger, REQUEST_ID_HEADER } from '@motcua/observability';
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from './subgraph-data-source.ts';

/** Prometheus metrics of one gateway: requests by operation and outcome, and calls to each subgraph. */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    /** The operation names that have a series of their own (see `operationLabel`). */
    operationLabels: new Set<string>(),
    requests: new Counter({
      name: 'motcua_graphql_requests_total',
      help: 'GraphQL requests answered by the gateway',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'motcua_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL request',
      labelNames: ['operation'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'motcua_gateway_refusals_total',
      help: 'Requests refused before GraphQL ran (bad credentials, rate limits, bodies that are not JSON), by code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    subgraphSeconds: new Histogram({
      name: 'motcua_subgraph_request_duration_seconds',
      help: 'Time a subgraph took to answer the gateway',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    responseCache: new Counter({
      name: 'motcua_response_cache_total',
      help: 'GraphQL queries by what the response cache did: hit (answered from it), miss (looked up, not found), bypass (not looked up: a caller with credentials, the access subgraph, or the data versions unknown)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Operation names come from clients: each new one would be a new time series, so a client sending random names
 * could grow the gateway's memory and the Prometheus server without bound. The first names seen keep their own
 * series (a portal has a few dozen operations); later ones, and odd or very long names, share "other".
 */
const MAX_OPERATION_LABELS = 200;

function operationLabel(metrics: Metrics, operation: string): string {
  const operationLabels = metrics.operationLabels;
  if (operationLabels.has(operation)) return operation;
  if (operationLabels.size >= MAX_OPERATION_LABELS || !/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(operation))
    return 'other';
  operationLabels.add(operation);
  return operation;
}

/** One JSON log line and the metrics for every GraphQL request: request id, operation, role, duration, outcome. */
export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const seconds = (performance.now() - started) / 1000;
          const operation = operationName ?? 'anonymous';
          const outcome = errors?.length ? 'error' : 'ok';
          const label = operationLabel(metrics, operation);
          metrics.requests.inc({ operation: label, outcome });
          metrics.requestSeconds.observe({ operation: label }, seconds);
          logger.info(
            {
              requestId: contextValue.requestId,
              operation,
              role: contextValue.caller.role,
              subject: contextValue.caller.keyId ?? contextValue.caller.subject,
              durationMs: Math.round(seconds * 1000),
              outcome,
              errors: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              status: response.http.status ?? 200,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * A log line and a count for every request refused before GraphQL ran (see `refuse`): they never reach the
 * plugin above, and an operator must see a flood of bad keys or of rate-limited clients.
 */
export function refusalObserver(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      const code = res.locals.refusedWith;
      if (typeof code !== 'string') return;
      metrics.refusals.inc({ code });
      logger.info(
        {
          requestId: res.getHeader(REQUEST_ID_HEADER),
          code,
          status: res.statusCode,
          path: req.path,
          ip: req.ip,
        },
        'request refused',
      );
    });
    next();
  };
}
