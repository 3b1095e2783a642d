import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Config } from '@motcua/config';
import { refuse } from '@motcua/errors';
import { ANONYMOUS, type Caller, isRole, isScope } from '@motcua/roles';
import type { RequestHandler } from 'express';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * The header that carries who calls to a subgraph: a short-lived JWT (jose). A subgraph answers nobody without it,
 * so the only door to the data is the gateway, which authenticates callers.
 * - The gateway signs callers with its private Ed25519 key; subgraphs hold only the public key, so a subgraph that
 *   falls into the wrong hands cannot speak for a caller to the others.
 * - A subgraph asking a peer (statistics checking service codes) signs with the secret the subgraphs share, and such
 *   an identity carries public rights only.
 */
export const IDENTITY_HEADER = 'x-motcua-identity';

/** The keys of the hub's identities (see IDENTITY_HEADER); a subgraph run alone has no signing key. */
export type IdentityKeys = Config['identity'];

const GATEWAY = 'motcua-gateway';
const PEER = 'motcua-peer';
/** Each identity is for one subgraph: one captured on its way to the news subgraph is worthless at another. */
const audienceOf = (subgraph: string) => `motcua-subgraph:${subgraph}`;
/** Long enough for a slow subgraph call, short enough that a captured header is soon worthless. */
const LIFETIME = '60s';

const keyObjects = new Map<string, KeyObject>();
/** PEM keys parsed once: a request signs or verifies several identities. */
function keyObject(pem: string, kind: 'private' | 'public'): KeyObject {
  let key = keyObjects.get(pem);
  if (!key) {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    keyObjects.set(pem, key);
  }
  return key;
}

const secretOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * Identities already signed, reused while they have more than half their life left: most requests come from the
 * same few callers (the anonymous public above all), and an Ed25519 signature per subgraph call was a fifth of the
 * gateway's time. A reused identity is no easier to misuse than a fresh one: any identity is valid for a minute.
 */
const signed = new LRUCache<string, { token: string; expiresAt: number }>({ max: 2_000 });

/** Identities already verified, by token, until they expire: the gateway sends the same ones again and again. */
const verified = new LRUCache<string, { caller: Caller; signer: Signer; expiresAt: number }>({ max: 10_000 });

const LIFETIME_SECONDS = 60;

/** The caller, signed by the gateway for the subgraph named `subgraph`. */
export async function signIdentity(caller: Caller, signingKey: string, subgraph: string): Promise<string> {
  const key = `${subgraph}\n${JSON.stringify(caller)}\n${signingKey}`;
  const now = Date.now();
  const reusable = signed.get(key);
  if (reusable && reusable.expiresAt - now > (LIFETIME_SECONDS * 1000) / 2) return reusable.token;
  const token = await signFresh(caller, signingKey, subgraph);
  signed.set(key, { token, expiresAt: now + LIFETIME_SECONDS * 1000 });
  return token;
}

function signFresh(caller: Caller, signingKey: string, subgraph: string): Promise<string> {
  const token = new SignJWT({
    role: caller.role,
    scopes: caller.scopes,
    ...(caller.keyId ? { kid: caller.keyId } : {}),
    ...(caller.partnerCode ? { partner: caller.partnerCode } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(GATEWAY)
    .setAudience(audienceOf(subgraph))
    .setIssuedAt()
    .setExpirationTime(LIFETIME);
  const withSubject = caller.subject === null ? token : token.setSubject(caller.subject);
  return withSubject.sign(keyObject(signingKey, 'private'));
}

/**
 * The gateway's own calls, not made for a client: its health probes and key checks. They carry public rights only;
 * their subject says which, and a route reserved to one of them (the key check) can tell it from any client's
 * identity, which always has a key id, a staff role, or no subject.
 */
export const SERVICE_SUBJECTS = { health: 'gateway:health', keyCheck: 'gateway:key-check' } as const;

export const signServiceIdentity = (subject: string, signingKey: string, subgraph: string) =>
  signIdentity({ ...ANONYMOUS, subject }, signingKey, subgraph);

/** A subgraph's call to a peer, with public rights, signed with the secret the subgraphs share. */
export function signPeerIdentity(self: string, peerSecret: string, subgraph: string): Promise<string> {
  return new SignJWT({ role: 'PUBLIC', scopes: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(PEER)
    .setAudience(audienceOf(subgraph))
    .setSubject(`subgraph:${self}`)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(secretOf(peerSecret));
}

/** Who signed an identity: the gateway (for a client or itself) or a peer subgraph (public rights only). */
export type Signer = 'gateway' | 'peer';

/** Whether a verified identity is the gateway itself calling as `subject` (see SERVICE_SUBJECTS). */
export const isGatewayServiceCall = (caller: Caller, signer: Signer, subject: string) =>
  signer === 'gateway' && caller.role === 'PUBLIC' && caller.keyId === null && caller.subject === subject;

/** Why a subgraph refused a request: no identity, or one it cannot trust. */
export class IdentityRejected extends Error {
  override name = 'IdentityRejected';
}

export async function verifyIdentity(
  token: string | undefined,
  keys: IdentityKeys,
  subgraph: string,
): Promise<{ caller: Caller; signer: Signer }> {
  if (!token) {
    throw new IdentityRejected(
      `This subgraph answers only the gateway: the request has no ${IDENTITY_HEADER} header`,
    );
  }
  const cacheKey = `${subgraph}\n${token}\n${keys.publicKey}\n${keys.peerSecret}`;
  const known = verified.get(cacheKey);
  if (known && known.expiresAt > Date.now()) return { caller: known.caller, signer: known.signer };
  try {
    // The algorithm says who claims to have signed, and picks the only key that may have: never the other way.
    const signer: Signer = decodeProtectedHeader(token).alg === 'HS256' ? 'peer' : 'gateway';
    const { payload } =
      signer === 'gateway'
        ? await jwtVerify(token, keyObject(keys.publicKey, 'public'), {
            issuer: GATEWAY,
            audience: audienceOf(subgraph),
            algorithms: ['EdDSA'],
          })
        : await jwtVerify(token, secretOf(keys.peerSecret), {
            issuer: PEER,
            audience: audienceOf(subgraph),
            algorithms: ['HS256'],
          });
    const scopes = Array.isArray(payload.scopes) ? payload.scopes : [];
    if (!isRole(payload.role) || !scopes.every(isScope)) throw new Error('unknown role or scope');
    const caller: Caller = {
      role: payload.role,
      subject: payload.sub ?? null,
      keyId: typeof payload.kid === 'string' ? payload.kid : null,
      partnerCode: typeof payload.partner === 'string' ? payload.partner : null,
      scopes,
    };
    if (
      signer === 'peer' &&
      (caller.role !== 'PUBLIC' || caller.scopes.length || caller.keyId || caller.partnerCode)
    ) {
      throw new IdentityRejected(
        `The ${IDENTITY_HEADER} header claims rights a call between subgraphs never has`,
      );
    }
    if (typeof payload.exp === 'number') {
      verified.set(cacheKey, { caller, signer, expiresAt: payload.exp * 1000 });
    }
    return { caller, signer };
  } catch (error) {
    if (error instanceof IdentityRejected) throw error;
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
 * Express middleware of every subgraph route: refuses with 401 (UNAUTHENTICATED) a request without a trusted
 * identity, and leaves the verified caller in `res.locals.caller` and who signed it in `res.locals.signer`.
 */
export function requireGatewayIdentity(keys: IdentityKeys, subgraph: string): RequestHandler {
  return async (req, res, next) => {
    try {
      const { caller, signer } = await verifyIdentity(req.get(IDENTITY_HEADER), keys, subgraph);
      res.locals.caller = caller;
      res.locals.signer = signer;
      next();
    } catch (error) {
      if (!(error instanceof IdentityRejected)) return next(error);
      refuse(res, 401, 'UNAUTHENTICATED', error.message);
    }
  };
}
