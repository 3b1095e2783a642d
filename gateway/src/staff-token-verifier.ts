import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Config } from '@motcua/config';
import {
  type Caller,
  isScope,
  isStaffRole,
  ROLE_SCOPES,
  type Role,
  type Scope,
  STAFF_ROLES,
} from '@motcua/roles';
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { CredentialRefused } from './credential-refused.ts';

/** The longest a staff token may be valid from its issue (`exp - iat`); identity providers issue minutes to hours. */
const MAX_TOKEN_LIFETIME_HOURS = 24;

/** How far ahead of the gateway's clock an identity provider's may run. */
const CLOCK_SKEW_SECONDS = 60;

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
  return [...new Set(names.map((name) => name.toUpperCase().replaceAll('-', '_')))].filter(isStaffRole);
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
 * Who a staff JWT (`Authorization: Bearer <jwt>`) stands for, verified with jose: signature, expiry, lifetime,
 * issuer, audience and a staff role.
 */
export function staffTokenVerifier(jwt: Config['jwt']): (token: string) => Promise<Caller> {
  const { key, algorithms } = jwtKey(jwt);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: jwt.issuer,
        audience: jwt.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // Tokens cannot be revoked: only a short life bounds what a leaked one can do. A token issued in the future
      // (beyond a clock skew) would make that life start later: a year ahead with `exp = iat + 1 h` lived a year.
      if ((payload.iat ?? 0) > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
        throw new CredentialRefused("The token is issued in the future: check the identity provider's clock");
      }
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_TOKEN_LIFETIME_HOURS * 3600) {
        throw new CredentialRefused(
          `The token lives longer than ${MAX_TOKEN_LIFETIME_HOURS} h: ask for a shorter-lived one`,
        );
      }
      const roles = staffRolesIn(payload, jwt.roleClaim);
      const [role] = roles;
      if (!role) {
        throw new CredentialRefused(
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
      if (error instanceof CredentialRefused) throw error;
      if (isKeySetFailure(error)) {
        // The provider's key set could not be had: the token may be fine, so the client should not sign in again.
        throw new CredentialRefused(
          "Tokens cannot be checked right now (the identity provider's keys are unavailable)",
          503,
        );
      }
      if (error instanceof joseErrors.JWTExpired)
        throw new CredentialRefused('The token has expired: sign in again');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new CredentialRefused(`The token is not for this hub (claim ${error.claim}: ${error.reason})`);
      }
      throw new CredentialRefused('The token is not valid (bad signature or format)');
    }
  };
}
