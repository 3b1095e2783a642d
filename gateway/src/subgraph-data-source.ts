import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Caller, callerHeaders } from '@motcua/graphql-kit';
import { GraphQLError } from 'graphql';

/** What the gateway knows of a request. */
export type GatewayContext = { caller: Caller };

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * Talks to one subgraph. When a subgraph refuses a whole request (HTTP 400, e.g. a variable that is not a valid
 * `Month`), Apollo's data source reports a bare "400: Bad Request"; this one passes on the subgraph's own first
 * error, with its code and message, so the client learns what to fix.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // Temporary, with CALLER_HEADERS: who calls travels to the subgraphs until issue 6 signs identities.
    for (const [name, value] of callerHeaders(context.caller)) request.http?.headers.set(name, value);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const fallback = super.errorFromResponse(response.clone());
    const body = (await this.parseBody(response).catch(() => null)) as {
      errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
    } | null;
    const [first] = body?.errors ?? [];
    if (response.status === 400 && typeof first?.message === 'string') {
      const code = first.extensions?.code;
      return new GraphQLError(first.message, { extensions: code === undefined ? {} : { code } });
    }
    return fallback;
  }
}
