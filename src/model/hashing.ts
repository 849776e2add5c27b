// Feature hashing: FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so the low bits (the bucket)
// depend on every input bit. Written here rather than imported: the weight file is only valid with exactly
// this function, so it must never change under us with a dependency upgrade.

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step: folds a 16-bit code unit into the running hash. */
export const fnvStep = (h: number, code: number): number => Math.imul(h ^ code, FNV_PRIME);

/** murmur3 finalizer: avalanches all 32 bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a whole string (code units), seeded. */
export function fnv1a(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h >>> 0;
}

/** Combines two hashes order-dependently (for word n-grams). */
export const combine = (a: number, b: number): number => fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);

/** Bucket of a finished hash in a table of 2^bits entries. */
export const bucketOf = (h: number, mask: number): number => fmix32(h) & mask;
