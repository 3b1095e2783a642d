import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { logger, requestIds } from '@motcua/observability';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from './errors.ts';

/** The codes an answer may carry to a client as they are: the hub's own, and Apollo's refusals of a bad request. */
const CLIENT_CODES = new Set<string>([
  ...ERROR_CODES,
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
