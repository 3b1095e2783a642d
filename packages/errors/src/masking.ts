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
 * PostgreSQL's codes for a statement cut off by `statement_timeout` or a cancel, and for a server going away (a
 * connection failure, a shutdown, too many connections, a database not accepting connections or gone).
 */
const CANCELLED = new Set(['57014']);
const GONE = /^(08|57P0[1-3]|53300|55000|3D000)/;
const GONE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether an error is the database's being unreachable or too slow, rather than a bug, and which. */
function databaseTrouble(error: unknown): 'slow' | 'gone' | null {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const { code, name, message } = cause as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && CANCELLED.has(code)) return 'slow';
    if (typeof code === 'string' && (GONE.test(code) || GONE_ERRNO.has(code))) return 'gone';
    if (name === 'ConnectionException') return 'gone';
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|server closed the connection/.test(message)
    )
      return 'gone';
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** A database error raised with SQLSTATE MC400 (a refusal meant for the client), if `error` is or wraps one. */
function databaseRefusal(error: unknown): { message: string; hint: string | null } | null {
  let found: { message: string; hint: string | null } | null = null;
  // The innermost such error is the driver's, whose message is the database's words (MikroORM's wrapper prefixes
  // the statement to its own).
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const { code, message, hint } = cause as { code?: unknown; message?: unknown; hint?: unknown };
    if (code === 'MC400' && typeof message === 'string') {
      // MikroORM appends the detail and hint (`\n - hint: …`) to the driver's message.
      found = { message: message.split('\n - ')[0] ?? message, hint: typeof hint === 'string' ? hint : null };
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return found;
}

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
    // A refusal the database words for the client (a subgraph's SQL function raising SQLSTATE MC400, e.g. a read
    // of archived facts): its message is the answer, and its hint the reason a client can branch on.
    const refusal = databaseRefusal(original);
    if (refusal) {
      return {
        message: refusal.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', ...(refusal.hint ? { reason: refusal.hint } : {}) },
      };
    }
    const requestId = requestIds.getStore();
    // A lost or overloaded database is the hub's trouble, but not a bug: the client learns which part is missing
    // (as for a subgraph that is down) and may retry; the rest of the answer still comes.
    const trouble = databaseTrouble(original);
    if (trouble) {
      logger.warn({ err: original, source, requestId }, 'database unavailable');
      return {
        message:
          trouble === 'slow'
            ? `The ${source} subgraph's database did not answer in time; try again, or ask for less`
            : `The ${source} subgraph's database is unavailable; try again shortly`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'UNAVAILABLE', serviceName: source, ...(requestId ? { requestId } : {}) },
      };
    }
    logger.error({ err: original, source, requestId }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}
