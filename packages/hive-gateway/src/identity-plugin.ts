// Every subgraph refuses a request without a caller signed by the gateway's key, for that subgraph: Hive Gateway
// must sign as the hub's own gateway does (`SubgraphDataSource`), per subgraph call, with `signIdentity`.
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import { ANONYMOUS, type Caller } from '@motcua/roles';

/** What the plugin reads of a request's context: its caller, once the credentials were checked, and its id. */
export type CallerOf<TContext> = (context: TContext) => { caller: Caller; requestId?: string } | null;

export type IdentityPluginOptions<TContext> = {
  signingKey: string;
  /** Which subgraph a URL is (`/<subgraph>/graphql`, as the hub mounts them, without a name of its own). */
  subgraphOf?: (url: string) => string;
  /** Who calls, as the host worked it out (an API key checked with the access subgraph, a staff JWT). */
  callerOf: CallerOf<TContext>;
};

const subgraphOfPath = (url: string) => new URL(url).pathname.split('/')[1] ?? '';

/**
 * Signs `x-motcua-identity` for every subgraph call of an operation: the caller its context names, for that
 * subgraph only (a token taken from one subgraph is refused by the others), and passes the request id on. A fetch
 * outside an operation (none is made: the supergraph is given) carries no identity and is refused by the subgraph.
 */
export function identityPlugin<TContext>({
  signingKey,
  subgraphOf = subgraphOfPath,
  callerOf,
}: IdentityPluginOptions<TContext>): GatewayPlugin {
  return {
    async onFetch({ url, options, setOptions, context }) {
      if (!('request' in context)) return;
      const known = callerOf(context as TContext);
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.set(
        IDENTITY_HEADER,
        await signIdentity(known?.caller ?? ANONYMOUS, signingKey, subgraphOf(url)),
      );
      if (known?.requestId) headers.set(REQUEST_ID_HEADER, known.requestId);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}
