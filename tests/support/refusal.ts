import { ClientError } from 'graphql-request';

/**
 * The answer to a request the gateway refused as the caller's mistake (a 4xx: graphql-request throws on those), to
 * read its errors as from an answer: `client.rawRequest(…).catch(refusal)`. Anything else is thrown on.
 */
export function refusal(
  error: unknown,
): Pick<ClientError['response'], 'errors' | 'status' | 'extensions'> & { data?: undefined } {
  if (error instanceof ClientError && error.response.status >= 400 && error.response.status < 500) {
    const { errors, status, extensions } = error.response;
    return { errors, status, extensions };
  }
  throw error;
}
