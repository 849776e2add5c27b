// Near-duplicates and outliers across a folder. MinHash over word 5-shingles estimates the Jaccard similarity
// of two documents; LSH banding finds the candidate pairs without comparing every pair. Outliers are documents
// whose length or share of hidden text is far from the folder's median (robust z-score over the MAD).

const PERMUTATIONS = 64;
const BANDS = 16;
const ROWS = PERMUTATIONS / BANDS;
const SHINGLE = 5;

const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** A 32-bit mix (murmur3's finalizer) of a hash with a seed: one "permutation" per seed. */
const mix = (h: number, seed: number): number => {
  let x = (h ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

/** The MinHash signature of a text (word 5-shingles; shorter texts use their words). */
export function minhash(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles = new Set<number>();
  if (words.length < SHINGLE) for (const w of words) shingles.add(fnv1a(w));
  else
    for (let i = 0; i + SHINGLE <= words.length; i++)
      shingles.add(fnv1a(words.slice(i, i + SHINGLE).join(' ')));
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const h of shingles)
    for (let p = 0; p < PERMUTATIONS; p++) {
      const v = mix(h, p);
      if (v < sig[p]!) sig[p] = v;
    }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (0 when either text was empty). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === 0xffffffff || b[0] === 0xffffffff) return 0;
  let same = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (a[i] === b[i]) same++;
  return same / PERMUTATIONS;
}

export interface NearDuplicate {
  a: string;
  b: string;
  similarity: number;
}

/** Pairs of documents at or above `threshold` estimated similarity (each pair once, `a` first in input order). */
export function nearDuplicates(
  docs: ReadonlyArray<{ id: string; signature: Uint32Array }>,
  threshold = 0.8,
): NearDuplicate[] {
  const buckets = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (d.signature[0] === 0xffffffff) return;
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${Array.from(d.signature.subarray(band * ROWS, (band + 1) * ROWS)).join(',')}`;
      const list = buckets.get(key) ?? [];
      list.push(i);
      buckets.set(key, list);
    }
  });
  const seen = new Set<string>();
  const out: NearDuplicate[] = [];
  for (const list of buckets.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x]!, list[y]!];
        const key = `${i}:${j}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const s = similarity(docs[i]!.signature, docs[j]!.signature);
        if (s >= threshold) out.push({ a: docs[i]!.id, b: docs[j]!.id, similarity: s });
      }
  return out.sort((p, q) => q.similarity - p.similarity);
}

export interface Outlier {
  id: string;
  reason: string;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Robust z-score above which a value is an outlier (Iglewicz and Hoaglin's 3.5). */
const Z_OUTLIER = 3.5;
/** Fewer documents than this have no meaningful median: no outliers are reported. */
export const MIN_OUTLIER_DOCS = 10;

/**
 * Documents whose feature is far from the folder's median: the modified z-score 0.6745 (x - median) / MAD
 * over 3.5 in absolute value; when more than half the values are equal (MAD 0), the mean absolute deviation
 * stands in (z = (x - median) / (1.2533 MeanAD)); when every value is equal there is no outlier. `features`
 * maps a feature name to its value per document.
 */
export function outliers(
  docs: ReadonlyArray<{ id: string; features: Readonly<Record<string, number>> }>,
): Outlier[] {
  if (docs.length < MIN_OUTLIER_DOCS) return [];
  const out: Outlier[] = [];
  for (const name of Object.keys(docs[0]?.features ?? {})) {
    const xs = docs.map((d) => d.features[name] ?? 0);
    const med = median(xs);
    const mad = median(xs.map((x) => Math.abs(x - med)));
    const meanAd = xs.reduce((a, x) => a + Math.abs(x - med), 0) / xs.length;
    const scale = mad > 0 ? mad / 0.6745 : 1.2533 * meanAd;
    if (scale === 0) continue;
    docs.forEach((d, i) => {
      if (Math.abs((xs[i]! - med) / scale) > Z_OUTLIER)
        out.push({ id: d.id, reason: `${name} far from the folder's median` });
    });
  }
  return out;
}
