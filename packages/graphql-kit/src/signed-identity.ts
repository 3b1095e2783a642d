import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ANONYMOUS, type Caller, isRole, isScope } from './caller.ts';
import { refuse } from './request-context.ts';

/**
 * The header that carries who calls from the gateway to a subgraph: a short-lived JWT (HS256, jose) signed with
 * the secret the gateway shares with the subgraphs. A subgraph answers nobody without it, so the only door to the
 * data is the gateway, which authenticates callers.
 */
export const IDENTITY_HEADER = 'x-motcua-identity';

const ISSUER = 'motcua-gateway';
/** Each identity is for one subgraph: one captured on its way to the news subgraph is worthless at another. */
const audienceOf = (subgraph: string) => `motcua-subgraph:${subgraph}`;
/** Long enough for a slow subgraph call, short enough that a captured header is soon worthless. */
const LIFETIME = '60s';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** The caller, signed for the subgraph named `subgraph`. */
export function signIdentity(caller: Caller, secret: string, subgraph: string): Promise<string> {
  const token = new SignJWT({
    role: caller.role,
    scopes: caller.scopes,
    ...(caller.keyId ? { kid: caller.keyId } : {}),
    ...(caller.partnerCode ? { partner: caller.partnerCode } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audienceOf(subgraph))
    .setIssuedAt()
    .setExpirationTime(LIFETIME);
  return (caller.subject === null ? token : token.setSubject(caller.subject)).sign(keyOf(secret));
}

/**
 * The hub's own calls, not made for a client: the gateway's health probes and key checks, a subgraph asking a peer.
 * They carry public rights only; their subject says which service calls, and a route reserved to one of them (the
 * key check) can tell it from any client's identity, which always has a key id, a staff role, or no subject.
 */
export const SERVICE_SUBJECTS = {
  health: 'gateway:health',
  keyCheck: 'gateway:key-check',
  peer: (subgraph: string) => `subgraph:${subgraph}`,
} as const;

export const signServiceIdentity = (subject: string, secret: string, subgraph: string) =>
  signIdentity({ ...ANONYMOUS, subject }, secret, subgraph);

/** Whether `caller` is the hub itself calling as `subject` (see SERVICE_SUBJECTS). */
export const isServiceCall = (caller: Caller, subject: string) =>
  caller.role === 'PUBLIC' && caller.keyId === null && caller.subject === subject;

/** Why a subgraph refused a request: no identity, or one it cannot trust. */
export class IdentityRejected extends Error {
  override name = 'IdentityRejected';
}

export async function verifyIdentity(
  token: string | undefined,
  secret: string,
  subgraph: string,
): Promise<Caller> {
  if (!token) {
    throw new IdentityRejected(
      `This subgraph answers only the gateway: the request has no ${IDENTITY_HEADER} header`,
    );
  }
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: audienceOf(subgraph),
      algorithms: ['HS256'],
    });
    const scopes = Array.isArray(payload.scopes) ? payload.scopes : [];
    if (!isRole(payload.role) || !scopes.every(isScope)) throw new Error('unknown role or scope');
    return {
      role: payload.role,
      subject: payload.sub ?? null,
      keyId: typeof payload.kid === 'string' ? payload.kid : null,
      partnerCode: typeof payload.partner === 'string' ? payload.partner : null,
      scopes,
    };
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWTExpired
        ? 'has expired'
        : error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud'
          ? `is not for the ${subgraph} subgraph`
          : 'is not signed by the gateway';
    throw new IdentityRejected(`The ${IDENTITY_HEADER} header ${reason}`);
  }
}

/**
 * Express middleware of every subgraph route: refuses with 401 (UNAUTHENTICATED) a request the gateway did not
 * sign, and leaves the verified caller in `res.locals.caller`.
 */
export function requireGatewayIdentity(secret: string, subgraph: string): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.caller = await verifyIdentity(req.get(IDENTITY_HEADER), secret, subgraph);
      next();
    } catch (error) {
      if (!(error instanceof IdentityRejected)) return next(error);
      refuse(res, 401, 'UNAUTHENTICATED', error.message);
    }
  };
}
