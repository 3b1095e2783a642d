import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { logger } from './logger.ts';
import { requestIds } from './request-ids.ts';

/**
 * One JSON log line for every request a subgraph serves, with the request id and the trace id (see `logger`)
 * the gateway sent, so what a subgraph did for one client request can be found from the gateway's line.
 */
export function requestLogPlugin<TContext extends BaseContext>(
  subgraph: string,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          logger.info(
            {
              subgraph,
              requestId: requestIds.getStore(),
              operation: operationName ?? 'anonymous',
              durationMs: Math.round(performance.now() - started),
              outcome: errors?.length ? 'error' : 'ok',
            },
            'subgraph request',
          );
        },
      };
    },
  };
}
