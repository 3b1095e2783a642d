import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { maskUnexpectedErrors } from '@motcua/errors';
import { requestLogPlugin } from '@motcua/observability';
import { applyAccessPolicy, type Caller } from '@motcua/roles';
import type { RequestHandler, Response } from 'express';
import type { DocumentNode } from 'graphql';
import { checkResolvers, type EntityShape } from './check-resolvers.ts';

/** What a subgraph contributes to the graph: its SDL, its resolvers and how a request's context is made. */
export type SubgraphDefinition = {
  name: string;
  typeDefs: DocumentNode;
  /**
   * Its resolvers, typed by the subgraph's own generated `Resolvers` (a misspelt type or field fails tsc there), and
   * checked against the schema again at start (`checkResolvers`).
   */
  resolvers: object;
  /** Its entities, whose properties back the fields left to the default resolver (checked at start). */
  entities?: readonly unknown[];
};

export function createSubgraphServer<TContext extends BaseContext & { caller: Caller }>(
  subgraph: SubgraphDefinition,
): ApolloServer<TContext> {
  const resolvers = subgraph.resolvers as GraphQLResolverMap<TContext>;
  const schema = buildSubgraphSchema([{ typeDefs: subgraph.typeDefs, resolvers }]);
  checkResolvers(schema, resolvers, subgraph.name, (subgraph.entities ?? []) as EntityShape[]);
  return new ApolloServer<TContext>({
    schema: applyAccessPolicy(schema),
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
