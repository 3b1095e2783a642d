import { GraphQLError } from 'graphql';

/**
 * The error codes of the hub's own refusals, which a client can branch on: every refusal the hub makes carries one
 * in `extensions.code`. One list: the type, the masking of unexpected errors and the docs all read it.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'UNAVAILABLE',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'OPERATION_NOT_TRUSTED',
  'CURSOR_EXPIRED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

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
