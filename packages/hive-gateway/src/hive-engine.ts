import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { GraphqlEngine, GraphqlEngineOptions } from '@motcua/gateway';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import type { Request, RequestHandler, Response } from 'express';
import { hubRulesPlugin } from './hub-rules-plugin.ts';
import { identityPlugin } from './identity-plugin.ts';

/** What Hive's context holds of the Express request it answers: the caller the gateway's routes authenticated. */
type HubContext = { req?: Request; res?: Response };

const callerOf = (context: HubContext) => {
  const res = context.res;
  const caller = res?.locals.caller as Caller | undefined;
  return caller ? { caller, requestId: String(res?.getHeader(REQUEST_ID_HEADER) ?? '') } : null;
};

/**
 * The supergraph names each subgraph's URL as composed (localhost:4001): pointed at where the subgraphs answer,
 * in memory, as Apollo's gateway does through its data sources; the committed file is served as it is otherwise.
 */
export const withSubgraphUrls = (supergraphSdl: string, urls: Partial<Record<string, string>>) =>
  supergraphSdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );

/**
 * Hive Gateway with its Rust query planner (`@graphql-hive/router-runtime`) behind the hub's `/graphql`: the
 * gateway's routes have checked the credentials and the rate limits; Hive plans and runs the operation, with the
 * hub's query rules and identity signing as plugins.
 */
export async function hiveEngine({
  supergraphSdl,
  subgraphUrls,
  subgraphTimeoutMs,
  signingKey,
  costBudgets,
  introspection,
}: GraphqlEngineOptions): Promise<GraphqlEngine> {
  const urlToSubgraph = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  const runtime = createGatewayRuntime<HubContext>({
    supergraph: withSubgraphUrls(supergraphSdl, subgraphUrls),
    unifiedGraphHandler,
    transportEntries: {
      '*.http': {
        // Hive merges identical subgraph requests before `onFetch` signs them, so merging would hand one caller's
        // answer to another (a draft an editor may see, to the public): off, whatever MERGE_IDENTICAL_QUERIES says.
        options: { timeout: subgraphTimeoutMs, deduplicateInflightRequests: false },
      },
    },
    plugins: () => [
      identityPlugin<HubContext>({
        signingKey,
        callerOf,
        subgraphOf: (url) => urlToSubgraph.get(url) ?? new URL(url).pathname.split('/')[1] ?? '',
      }),
      hubRulesPlugin<HubContext>({
        costBudgets,
        introspection,
        roleOf: (context) => callerOf(context)?.caller.role ?? 'PUBLIC',
      }),
    ],
    logging: 'error',
    graphiql: false,
    landingPage: false,
    // The hub's own pages serve the IDE; its gateway answers one operation per request.
    batching: false,
    // The gateway's routes gave the request its id (the response's `x-request-id`, every log line's), which the
    // identity plugin passes to the subgraphs: Hive's own would be a second id that no log line carries.
    requestId: false,
  });
  const handler: RequestHandler = (req, res) => {
    // Mounted under `/graphql`, where Express strips the path Hive answers at.
    req.url = req.originalUrl;
    void runtime(req, res);
  };
  return { handlers: [handler], stop: async () => runtime.dispose() };
}
