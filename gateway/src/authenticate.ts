import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Config } from '@motcua/config';
import {
  ANONYMOUS,
  type Caller,
  IDENTITY_HEADER,
  isScope,
  REQUEST_ID_HEADER,
  ROLE_SCOPES,
  type Role,
  refuse,
  type Scope,
  SERVICE_SUBJECTS,
  signServiceIdentity,
} from '@motcua/graphql-kit';
import type { Request, RequestHandler } from 'express';
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { injectTraceContext } from './tracing.ts';

/** The longest a staff token may be valid from its issue (`exp - iat`); identity providers issue minutes to hours. */
const MAX_TOKEN_LIFETIME_HOURS = 24;

/** Staff sign in with JWTs; partners and analysts use API keys. */
const STAFF_ROLES: readonly Role[] = ['EDITOR', 'DATA_OFFICER', 'ADMIN'];

export const API_KEY_HEADER = 'x-api-key';

export type AuthenticationOptions = {
  /** The access subgraph's GraphQL URL; its `/keys/verify` route checks API keys. */
  accessUrl: string;
  gatewaySecret: string;
  jwt: Config['jwt'];
  /** How long the key check may take, like any call to a subgraph. */
  timeoutMs: number;
};

/** A credential the gateway refuses: 401, or 503 when keys cannot be checked right now. */
class Refusal extends Error {
  readonly status: 401 | 503;

  constructor(message: string, status: 401 | 503 = 401) {
    super(message);
    this.status = status;
  }
}

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * The key a staff token must be signed with. A JWKS URL is the identity provider's key set, fetched and cached by
 * jose and refetched for an unknown key id, so the provider can rotate keys without a restart.
 */
function jwtKey(jwt: Config['jwt']): { key: KeyObject | Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  if (jwt.jwksUrl) return { key: createRemoteJWKSet(new URL(jwt.jwksUrl)), algorithms: ASYMMETRIC };
  if (jwt.publicKey) return { key: createPublicKey(jwt.publicKey), algorithms: ASYMMETRIC };
  if (jwt.secret) return { key: new TextEncoder().encode(jwt.secret), algorithms: ['HS256'] };
  throw new Error('No JWT key is configured (JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL)');
}

/**
 * The staff roles a token names in its role claim (a dotted path such as `realm_access.roles`; a string or a list),
 * written as our role names in any case and with dashes or underscores ("data-officer" is DATA_OFFICER).
 */
function staffRolesIn(payload: JWTPayload, claim: string): Role[] {
  const value = claim
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      payload,
    );
  const names = (Array.isArray(value) ? value : [value]).filter((name) => typeof name === 'string');
  return [...new Set(names.map((name) => name.toUpperCase().replaceAll('-', '_')))].filter(
    (name): name is Role => STAFF_ROLES.includes(name as Role),
  );
}

/** The identity provider's key set could not be fetched: unreachable, too slow, or not answering a key set. */
const isKeySetFailure = (error: unknown) =>
  error instanceof joseErrors.JWKSTimeout ||
  // fetch's TypeError may come from another realm (a test runner's), so it is known by its name and message.
  ((error as Error | undefined)?.name === 'TypeError' && (error as Error).message === 'fetch failed') ||
  (error instanceof joseErrors.JOSEError && /JSON Web Key Set HTTP response/.test(error.message));

/**
 * The hub's scopes a token asks for, in `scope` (a space-separated string, OAuth) or `scp` (a list), or null when
 * it names none of them: an identity provider's own scopes ("openid profile email") do not narrow anything.
 */
function requestedScopes(payload: JWTPayload): Scope[] | null {
  const named = [payload.scope, payload.scp].flatMap((claim) =>
    typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [],
  );
  const ours = named.filter(isScope);
  return ours.length ? ours : null;
}

/** The scopes of every role a credential holds, kept to those it asks for. */
function scopesOf(roles: readonly Role[], requested: readonly string[] | null): Scope[] {
  const held = [...new Set(roles.flatMap((role): readonly Scope[] => ROLE_SCOPES[role]))];
  return requested ? held.filter((scope) => requested.includes(scope)) : held;
}

/**
 * Works out who calls from the request: a staff JWT (`Authorization: Bearer <jwt>`, verified with jose: signature,
 * expiry, issuer, audience), an API key (`x-api-key`, checked by the access subgraph, which owns the keys), or
 * nobody (the anonymous public). A credential that is present but not valid is refused, never downgraded to
 * anonymous: a partner whose key was revoked must learn it.
 */
export function createAuthenticator({ accessUrl, gatewaySecret, jwt, timeoutMs }: AuthenticationOptions) {
  const { key, algorithms } = jwtKey(jwt);
  const verifyUrl = accessUrl.replace(/\/graphql$/, '/keys/verify');

  async function fromToken(token: string): Promise<Caller> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: jwt.issuer,
        audience: jwt.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // Tokens cannot be revoked: only a short life bounds what a leaked one can do.
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_TOKEN_LIFETIME_HOURS * 3600) {
        throw new Refusal(
          `The token lives longer than ${MAX_TOKEN_LIFETIME_HOURS} h: ask for a shorter-lived one`,
        );
      }
      const roles = staffRolesIn(payload, jwt.roleClaim);
      const [role] = roles;
      if (!role) {
        throw new Refusal(
          `The token's role must be one of ${STAFF_ROLES.join(', ')} (partners and analysts use API keys)`,
        );
      }
      const requested = requestedScopes(payload);
      // A person may hold several staff roles: the first names them in logs and budgets, all give scopes.
      return {
        role,
        subject: payload.sub ?? null,
        keyId: null,
        partnerCode: null,
        scopes: scopesOf(roles, requested),
      };
    } catch (error) {
      if (error instanceof Refusal) throw error;
      if (isKeySetFailure(error)) {
        // The provider's key set could not be had: the token may be fine, so the client should not sign in again.
        throw new Refusal(
          "Tokens cannot be checked right now (the identity provider's keys are unavailable)",
          503,
        );
      }
      if (error instanceof joseErrors.JWTExpired) throw new Refusal('The token has expired: sign in again');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new Refusal(`The token is not for this hub (claim ${error.claim}: ${error.reason})`);
      }
      throw new Refusal('The token is not valid (bad signature or format)');
    }
  }

  async function fromKey(apiKey: string, requestId: string): Promise<Caller> {
    let response: Response;
    try {
      const headers = new Headers({
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signServiceIdentity(SERVICE_SUBJECTS.keyCheck, gatewaySecret, 'access'),
        [REQUEST_ID_HEADER]: requestId,
      });
      // The key check is part of the request's trace, like the subgraph calls that follow it.
      injectTraceContext(headers);
      response = await fetch(verifyUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: apiKey }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new Refusal(
        'API keys cannot be checked right now (the access subgraph is unavailable); try again shortly',
        503,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { caller?: Caller; message?: string };
    if (response.ok && body.caller) return body.caller;
    if (response.status === 401) throw new Refusal(body.message ?? 'The API key is not valid');
    throw new Refusal('API keys cannot be checked right now; try again shortly', 503);
  }

  async function callerOf(req: Request, requestId: string): Promise<Caller> {
    const apiKey = req.get(API_KEY_HEADER);
    const authorization = req.get('authorization');
    if (apiKey?.trim() === '' || authorization?.trim() === '')
      throw new Refusal('The credential header is empty');
    if (apiKey && authorization)
      throw new Refusal(`Send one credential: ${API_KEY_HEADER} or Authorization, not both`);
    if (apiKey) return fromKey(apiKey.trim(), requestId);
    if (!authorization) return ANONYMOUS;
    const [scheme, credential] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential) {
      throw new Refusal('Authorization must be "Bearer <token>"');
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
      if (!(error instanceof Refusal)) return next(error);
      if (error.status === 401) res.set('WWW-Authenticate', 'Bearer realm="motcua"');
      refuse(res, error.status, error.status === 401 ? 'UNAUTHENTICATED' : 'UNAVAILABLE', error.message);
    }
  };
  return authenticate;
}
