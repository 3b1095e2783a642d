// The identities the subgraphs require, for the systems that are not the hub's gateway: the direct baseline and
// the peer gateway's plugin sign them with the hub's own function and its development key, exactly as the gateway
// does, for the same callers.
import { loadConfig } from '@motcua/config';
import { signIdentity } from '@motcua/identity';
import { ANONYMOUS, type Caller } from '@motcua/roles';

/** The gateway's Ed25519 key in development (NODE_ENV=development), which the subgraphs' public key matches. */
export const SIGNING_KEY = (() => {
  const key = loadConfig({ NODE_ENV: 'development' }).identity.signingKey;
  if (!key) throw new Error('No development signing key');
  return key;
})();

export type CallerKind = 'anonymous' | 'partner' | 'analyst';

/** Who calls in each scenario: the public, a media partner or an analyst (with the keys the run issued them). */
export type Callers = Record<CallerKind, Caller>;

export const partnerCaller = (keyId: string, owner: string, partnerCode: string): Caller => ({
  role: 'PARTNER',
  subject: owner,
  keyId,
  partnerCode,
  scopes: ['news:feed', 'news:embargoed'],
});

export const analystCaller = (keyId: string, owner: string): Caller => ({
  role: 'ANALYST',
  subject: owner,
  keyId,
  partnerCode: null,
  scopes: ['statistics:export'],
});

export const anonymousCaller = (): Caller => ANONYMOUS;

/** Re-signed this often: an identity lives 60 s, and a round must never send an expired one. */
const RESIGN_MS = 15_000;

/**
 * A signed identity for one caller and one subgraph, always fresh: the header is read synchronously while the load
 * runs, and re-signed in the background well within its lifetime.
 */
export class IdentityHeader {
  #token = '';
  #timer: NodeJS.Timeout | undefined;
  readonly #caller: Caller;
  readonly #subgraph: string;
  constructor(caller: Caller, subgraph: string) {
    this.#caller = caller;
    this.#subgraph = subgraph;
  }
  async start(): Promise<this> {
    this.#token = await signIdentity(this.#caller, SIGNING_KEY, this.#subgraph);
    this.#timer = setInterval(() => {
      void signIdentity(this.#caller, SIGNING_KEY, this.#subgraph).then((token) => {
        this.#token = token;
      });
    }, RESIGN_MS);
    this.#timer.unref();
    return this;
  }
  get value(): string {
    return this.#token;
  }
  stop(): void {
    clearInterval(this.#timer);
  }
}
