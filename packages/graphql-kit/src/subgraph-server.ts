import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler, Response } from 'express';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { applyAccessPolicy } from './access-policy.ts';
import type { Caller } from './caller.ts';
import { logger } from './logger.ts';
import { requestIds } from './request-context.ts';
import { requestLogPlugin } from './request-log.ts';

/** What a subgraph contributes to the graph: its SDL, its resolvers and how a request's context is made. */
export type SubgraphDefinition<TContext extends BaseContext> = {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
};

const CLIENT_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'UNAVAILABLE',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'OPERATION_NOT_TRUSTED',
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
]);

/**
 * Keeps errors a client can act on and masks everything else: an unexpected error (a SQL failure, a bug) is
 * logged with its stack and answered as a bare INTERNAL_SERVER_ERROR carrying the request id, so no SQL or stack
 * trace leaks out and an operator can find the log line.
 */
export function maskUnexpectedErrors(source: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    if (
      original instanceof GraphQLError &&
      original.extensions?.code &&
      CLIENT_CODES.has(String(original.extensions.code))
    ) {
      return formatted;
    }
    // Apollo's own refusals of a malformed request (an APQ hash that does not match its query) carry a 4xx status
    // and no code: the client's mistake, to be answered as one, not logged as the hub's.
    const status = (original as GraphQLError | undefined)?.extensions?.http as
      | { status?: number }
      | undefined;
    if (status?.status && status.status >= 400 && status.status < 500) {
      return { message: formatted.message, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
    }
    const requestId = requestIds.getStore();
    logger.error({ err: original, source, requestId }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}

export function createSubgraphServer<TContext extends BaseContext & { caller: Caller }>(
  subgraph: SubgraphDefinition<TContext>,
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: applyAccessPolicy(
      buildSubgraphSchema([{ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers }]),
    ),
    includeStacktraceInErrorResponses: false,
    // `exitOnSignals` stops the process in order; Apollo's own handler would stop the server mid-drain.
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedErrors(subgraph.name),
    plugins: [requestLogPlugin(subgraph.name), ApolloServerPluginInlineTraceDisabled()],
  });
}

/**
 * Express handler that serves a started subgraph server, creating a fresh context for every request from the
 * caller that `requireGatewayIdentity` verified.
 */
export function subgraphHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  createContext: (caller: Caller) => Promise<TContext> | TContext,
): RequestHandler {
  return expressMiddleware(server, {
    context: async ({ res }) => createContext((res as Response).locals.caller as Caller),
  });
}
