import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ErrorCode } from '@motcua/errors';

/**
 * The codes by which a subgraph refuses what the caller sent (an argument it cannot use, a cursor too old to
 * resume): the caller must change the request. NOT_FOUND is not one of them: a lookup of something that does not
 * exist is a well-formed question answered with null.
 */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>(['BAD_USER_INPUT', 'CURSOR_EXPIRED']);

/**
 * A request every root field of which a subgraph refused as the caller's mistake is answered as the refusal it is:
 * HTTP 400 and no `data`, as the gateway answers the mistakes it catches itself before asking any subgraph (a page
 * size too large, a forged cursor). Only when nothing was answered: under GraphQL over HTTP a response with `data`
 * must be a 200 (`application/json`) or a 2xx (`application/graphql-response+json`), and one without `data` a 4xx
 * for the latter, so `data` is dropped, which loses nothing as every field in it is a null named by an error. A
 * partial answer, a root field that is null without an error (not found), or any other error (a part down,
 * an unexpected failure) keeps the 200.
 */
export function clientErrorStatusPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status) return;
          const { data, errors, ...rest } = response.body.singleResult;
          if (!errors?.length || data === undefined) return;
          if (!errors.every((error) => CLIENT_ERROR_CODES.has(String(error.extensions?.code)))) return;
          const refusedRoots = new Set(errors.map((error) => error.path?.[0]));
          const answered =
            data !== null &&
            Object.entries(data).some(
              ([responseKey, value]) => value !== null || !refusedRoots.has(responseKey),
            );
          if (answered) return;
          response.body = { kind: 'single', singleResult: { ...rest, errors } };
          response.http.status = 400;
        },
      };
    },
  };
}
