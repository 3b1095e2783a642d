import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { maskUnexpectedErrors } from '@motcua/errors';
import { requestLogPlugin } from '@motcua/observability';
import { applyAccessPolicy, type Caller } from '@motcua/roles';
import type { RequestHandler, Response } from 'express';
import type { DocumentNode } from 'graphql';

/** What a subgraph contributes to the graph: its SDL, its resolvers and how a request's context is made. */
export type SubgraphDefinition<TContext extends BaseContext> = {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
};

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
