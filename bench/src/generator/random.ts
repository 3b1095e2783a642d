// Deterministic randomness for the dataset: the same parameters give the same rows on every machine and every
// run, so a figure measured today and one measured next month are about the same data. Math.random is never used.

/** A 32-bit integer hash of a few integers (murmur3's finaliser over a running mix): cheap enough per fact row. */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A hash in [0, 1). */
export const unit = (...values: number[]) => hash32(...values) / 0x1_0000_0000;

/** A 32-bit hash of a string (FNV-1a), to seed streams by name ("articles", a unit code…). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded stream of numbers in [0, 1) (mulberry32), for generators that draw many values in sequence. */
export function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** One element of a list, picked by a number in [0, 1). */
export function pick<T>(items: readonly T[], at: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(at * items.length))];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A UUID (version 4 layout) drawn from a stream: ids must be as deterministic as the rest of the data. */
export function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
