// The peer gateway must speak to the hub's subgraphs as the hub's gateway does: every subgraph refuses a request
// without a caller signed by the gateway's key, for that subgraph. This plugin signs, per subgraph call, with the
// hub's own `signIdentity`, the same callers the hub's gateway would: the public, or the benchmark's partner.
// Unlike the hub's gateway it does not ask the access subgraph whether an API key is valid: any `x-api-key`
// stands for the partner, so Hive is spared the key check the hub pays on every partner request (the report says so).
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { ANONYMOUS, type Caller } from '@motcua/roles';

/** `/<subgraph>/graphql`, as the hub mounts every subgraph. */
const subgraphOf = (url: string) => new URL(url).pathname.split('/')[1] ?? '';

export function signedIdentityPlugin(signingKey: string, partner: () => Caller | null): GatewayPlugin {
  return {
    async onFetch({ url, options, setOptions, context }) {
      const request = (context as { request?: Request }).request;
      const caller = (request?.headers.get('x-api-key') && partner()) || ANONYMOUS;
      const token = await signIdentity(caller, signingKey, subgraphOf(url));
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.set(IDENTITY_HEADER, token);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}
