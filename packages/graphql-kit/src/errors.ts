import { GraphQLError } from 'graphql';

/** The error codes a client can branch on; every refusal the hub makes carries one in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'QUERY_TOO_COSTLY'
  | 'RATE_LIMITED'
  | 'OPERATION_NOT_TRUSTED';

export function userError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export function badUserInput(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return userError('BAD_USER_INPUT', message, details);
}

export function notFound(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return userError('NOT_FOUND', message, details);
}
