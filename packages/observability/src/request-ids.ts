import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/** The header that carries a request's id from the client (if it sends a sane one) to the gateway and subgraphs. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[\w.:-]{1,100}$/;

export function requestIdFrom(value: unknown): string {
  return typeof value === 'string' && SANE_ID.test(value) ? value : crypto.randomUUID();
}

/** The id of the request being served, wherever in its handling the code runs (logs, masked errors). */
export const requestIds = new AsyncLocalStorage<string>();

/** Gives every request an id (the client's `x-request-id` if sane), echoes it in the response, and keeps it in scope. */
export function requestIdMiddleware(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    requestIds.run(id, next);
  };
}
