import type { Config } from '@motcua/config';
import { refuse } from '@motcua/errors';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import { ANONYMOUS, type Caller } from '@motcua/roles';
import type { Request, RequestHandler } from 'express';
import { apiKeyChecker, type KeyCheckOptions } from './api-key-checker.ts';
import { CredentialRefused } from './credential-refused.ts';
import { staffTokenVerifier } from './staff-token-verifier.ts';

export const API_KEY_HEADER = 'x-api-key';

export type AuthenticationOptions = KeyCheckOptions & { jwt: Config['jwt'] };

/**
 * Works out who calls from the request: a staff JWT (`Authorization: Bearer <jwt>`), an API key (`x-api-key`), or
 * nobody (the anonymous public). A credential that is present but not valid is refused, never downgraded to
 * anonymous: a partner whose key was revoked must learn it.
 */
export function createAuthenticator({ jwt, ...keyCheck }: AuthenticationOptions) {
  const fromToken = staffTokenVerifier(jwt);
  const fromKey = apiKeyChecker(keyCheck);

  async function callerOf(req: Request, requestId: string): Promise<Caller> {
    const apiKey = req.get(API_KEY_HEADER);
    const authorization = req.get('authorization');
    if (apiKey?.trim() === '' || authorization?.trim() === '')
      throw new CredentialRefused('The credential header is empty');
    if (apiKey && authorization)
      throw new CredentialRefused(`Send one credential: ${API_KEY_HEADER} or Authorization, not both`);
    if (apiKey) return fromKey(apiKey.trim(), requestId);
    if (!authorization) return ANONYMOUS;
    const [scheme, credential] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential) {
      throw new CredentialRefused('Authorization must be "Bearer <token>"');
    }
    // An API key sent as a bearer token is accepted too: some HTTP clients only know that header.
    return credential.startsWith('mc_') ? fromKey(credential, requestId) : fromToken(credential);
  }

  /** Express middleware: `res.locals.caller`, or a 401/503 GraphQL-shaped refusal. */
  const authenticate: RequestHandler = async (req, res, next) => {
    try {
      res.locals.caller = await callerOf(req, String(res.getHeader(REQUEST_ID_HEADER)));
      next();
    } catch (error) {
      if (!(error instanceof CredentialRefused)) return next(error);
      if (error.status === 401) res.set('WWW-Authenticate', 'Bearer realm="motcua"');
      refuse(res, error.status, error.status === 401 ? 'UNAUTHENTICATED' : 'UNAVAILABLE', error.message);
    }
  };
  return authenticate;
}
