// Embedders turn text into vectors for the store. The default is a deterministic hashing embedder
// (feature hashing of words and character trigrams, signed, L2-normalised): offline, no weights, the same
// vector on every machine. It ranks by shared vocabulary, not meaning; configure an OpenAI-compatible
// `/v1/embeddings` endpoint (openai-embedder.ts) for semantic retrieval.

export interface Embedder {
  /** Vector length; fixed for a store. */
  readonly dim: number;
  /** Name recorded with the store, so a store is never queried with another embedder's vectors. */
  readonly id: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

export const DEFAULT_HASHING_DIM = 256;

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function hashingVector(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dim]! += h & 0x80000000 ? -weight : weight;
  };
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    add(`w:${w}`, 1);
    const padded = `^${w}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.25);
  }
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

export function hashingEmbedder(dim = DEFAULT_HASHING_DIM): Embedder {
  return {
    dim,
    id: `hashing-v1-${dim}`,
    embed: (texts) => Promise.resolve(texts.map((t) => hashingVector(t, dim))),
  };
}
