import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { maskUnexpectedErrors } from '@motcua/errors';
import type { Role } from '@motcua/roles';
import { argumentRulesPlugin } from './argument-rules.ts';
import { clientErrorStatusPlugin } from './client-error-status.ts';
import { queryLimits, withoutSuggestions } from './limits.ts';
import { type Metrics, observabilityPlugin } from './observability.ts';
import { queryCostPlugin } from './query-cost.ts';
import { privateAnswersPlugin } from './response-cache.ts';
import { type GatewayContext, SubgraphDataSource } from './subgraph-data-source.ts';
import type { SubgraphName, SubgraphUrls } from './subgraphs.ts';
import { type TrustedDocuments, trustedDocumentsCache } from './trusted-documents.ts';

export type GatewayServerOptions = {
  supergraphSdl: string;
  /** How long a subgraph may take to answer before its part of the answer is given up. */
  subgraphTimeoutMs: number;
  metrics: Metrics;
  introspection: boolean;
  /** Where each subgraph answers; replaces the URLs written in the supergraph file. */
  subgraphUrls: SubgraphUrls;
  /** Signs the caller's identity for the subgraphs. */
  signingKey: string;
  /** The most one query may cost, per role. */
  costBudgets: Record<Role, number>;
  /** Ask a subgraph once for identical queries in flight at once for the same caller. */
  mergeIdenticalQueries: boolean;
  /** When given, the only operations that run; otherwise any query, and automatic persisted queries. */
  trustedDocuments?: TrustedDocuments;
  /** The response cache's plugins (see `createResponseCache`), when it is on. */
  cachePlugins?: ApolloServerPlugin<GatewayContext>[];
};

/** The one public endpoint: an Apollo Gateway over a supergraph composed at build time. */
export function createGatewayServer({
  supergraphSdl,
  subgraphUrls,
  subgraphTimeoutMs,
  metrics,
  introspection,
  signingKey,
  costBudgets,
  trustedDocuments,
  mergeIdenticalQueries,
  cachePlugins = [],
}: GatewayServerOptions): ApolloServer<GatewayContext> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        name,
        url: subgraphUrls[name as SubgraphName],
        timeoutMs: subgraphTimeoutMs,
        metrics,
        signingKey,
        mergeIdenticalQueries,
      }),
  });
  // Production turns both off: a schema that may not be introspected should not be spelled out in error messages.
  const limits = queryLimits({ fieldSuggestions: introspection });
  return new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // `exitOnSignals` stops the process in order; Apollo's own handler would stop the server mid-drain.
    stopOnTerminationSignals: false,
    introspection,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    ...(trustedDocuments && { persistedQueries: { cache: trustedDocumentsCache(trustedDocuments) } }),
    formatError: introspection
      ? maskUnexpectedErrors('gateway')
      : (formatted, error) => {
          const masked = maskUnexpectedErrors('gateway')(formatted, error);
          return { ...masked, message: withoutSuggestions(masked.message) };
        },
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      argumentRulesPlugin<GatewayContext>(),
      queryCostPlugin<GatewayContext>(costBudgets, (context) => context.caller.role),
      // Before the log line, which records the status.
      clientErrorStatusPlugin<GatewayContext>(),
      observabilityPlugin(metrics),
      privateAnswersPlugin(),
      // After the checks: a refused query is neither looked up nor stored.
      ...cachePlugins,
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo's landing page loads Sandbox from a CDN; browsers get GraphiQL, served by the gateway itself.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
