import type { ApolloServerPlugin } from '@apollo/server';
import { logger } from '@motcua/graphql-kit';
import { Counter, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from './subgraph-data-source.ts';

/** Prometheus metrics of one gateway: requests by operation and outcome, and calls to each subgraph. */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
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
    subgraphSeconds: new Histogram({
      name: 'motcua_subgraph_request_duration_seconds',
      help: 'Time a subgraph took to answer the gateway',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

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
          metrics.requests.inc({ operation, outcome });
          metrics.requestSeconds.observe({ operation }, seconds);
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
