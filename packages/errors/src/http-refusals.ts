import { logger, REQUEST_ID_HEADER, requestIds } from '@motcua/observability';
import type { ErrorRequestHandler, Response } from 'express';
import type { ErrorCode } from './errors.ts';

type HttpError = Error & { status?: number; statusCode?: number; expose?: boolean; type?: string };

/** What a client is told of a request the HTTP layer refused, by body-parser's error type. */
const CLIENT_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large',
  'encoding.unsupported': 'The request body has an unsupported encoding',
};

/**
 * Answers a request refused before GraphQL ran (bad credentials, too many requests, a body that is not JSON) the
 * way GraphQL clients read errors, with the request id; `res.locals.refusedWith` keeps the code for the logs and
 * metrics written when the response ends.
 */
export function refuse(
  res: Response,
  status: number,
  code: ErrorCode | 'BAD_REQUEST' | 'INTERNAL_SERVER_ERROR',
  message: string,
  details: Record<string, unknown> = {},
): void {
  res.locals.refusedWith = code;
  const requestId = res.getHeader(REQUEST_ID_HEADER);
  res.status(status).json({
    errors: [
      { message, extensions: { code, ...details, ...(requestId ? { requestId: String(requestId) } : {}) } },
    ],
  });
}

/**
 * The last Express error handler: a request refused before GraphQL (a body that is not JSON, too large) or failing
 * outside it gets a GraphQL-shaped JSON answer with the request id, never Express's HTML page with a stack trace;
 * unexpected failures are logged with their stack.
 */
export function jsonErrorHandler(): ErrorRequestHandler {
  return (error: HttpError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      refuse(res, status, 'BAD_REQUEST', CLIENT_MESSAGES[error.type ?? ''] ?? 'Bad request');
      return;
    }
    logger.error({ err: error, requestId: requestIds.getStore() }, 'unexpected error');
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
