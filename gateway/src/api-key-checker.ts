import { IDENTITY_HEADER, SERVICE_SUBJECTS, signServiceIdentity } from '@motcua/identity';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import { CredentialRefused } from './credential-refused.ts';

export type KeyCheckOptions = {
  /** The access subgraph's GraphQL URL; its `/keys/verify` route checks API keys. */
  accessUrl: string;
  signingKey: string;
  /** How long the key check may take, like any call to a subgraph. */
  timeoutMs: number;
};

/**
 * Who an API key stands for, asked of the access subgraph, which owns the keys, on every request: a revoked key
 * stops at once.
 */
export function apiKeyChecker({ accessUrl, signingKey, timeoutMs }: KeyCheckOptions) {
  const verifyUrl = accessUrl.replace(/\/graphql$/, '/keys/verify');
  return async (apiKey: string, requestId: string): Promise<Caller> => {
    let response: Response;
    try {
      const headers = new Headers({
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signServiceIdentity(SERVICE_SUBJECTS.keyCheck, signingKey, 'access'),
        [REQUEST_ID_HEADER]: requestId,
      });
      response = await fetch(verifyUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: apiKey }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new CredentialRefused(
        'API keys cannot be checked right now (the access subgraph is unavailable); try again shortly',
        503,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { caller?: Caller; message?: string };
    if (response.ok && body.caller) return body.caller;
    if (response.status === 401) throw new CredentialRefused(body.message ?? 'The API key is not valid');
    throw new CredentialRefused('API keys cannot be checked right now; try again shortly', 503);
  };
}
