import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `mc_<id>_<secret>`: the id is public (it names the key in lists, logs and rate limits), the
 * secret is 32 random bytes. Only a SHA-256 hash of the whole key is stored: the key has full entropy, so a slow
 * password hash would add nothing but latency to every request.
 */
const KEY_PATTERN = /^mc_([a-z0-9-]{4,64})_([A-Za-z0-9_-]{20,})$/;

export function newKey(): { id: string; key: string } {
  const id = randomBytes(6).toString('hex');
  return { id, key: `mc_${id}_${randomBytes(32).toString('base64url')}` };
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The id a key claims to have, or null if it is not shaped like one of ours. */
export const idOfKey = (key: string): string | null => KEY_PATTERN.exec(key)?.[1] ?? null;

export function keyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
