import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { maskUnexpectedErrors } from '@motcua/graphql-kit';
import { queryLimits } from './limits.ts';
import { type Metrics, observabilityPlugin } from './observability.ts';
import { type GatewayContext, SubgraphDataSource } from './subgraph-data-source.ts';
import type { SubgraphName, SubgraphUrls } from './subgraphs.ts';

export type GatewayOptions = {
  supergraphSdl: string;
  /** How long a subgraph may take to answer before its part of the answer is given up. */
  subgraphTimeoutMs: number;
  metrics: Metrics;
  introspection: boolean;
  /** Where each subgraph answers; replaces the URLs written in the supergraph file. */
  subgraphUrls: SubgraphUrls;
};

/** The one public endpoint: an Apollo Gateway over a supergraph composed at build time. */
export function createGatewayServer({
  supergraphSdl,
  subgraphUrls,
  subgraphTimeoutMs,
  metrics,
  introspection,
}: GatewayOptions): ApolloServer<GatewayContext> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        name,
        url: subgraphUrls[name as SubgraphName],
        timeoutMs: subgraphTimeoutMs,
        metrics,
      }),
  });
  const limits = queryLimits();
  return new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // `exitOnSignals` stops the process in order; Apollo's own handler would stop the server mid-drain.
    stopOnTerminationSignals: false,
    introspection,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: maskUnexpectedErrors('gateway'),
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      observabilityPlugin(metrics),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
}
