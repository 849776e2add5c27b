// "Unnatural text" signal: a small character n-gram language model of BENIGN training text (hashed, additive
// smoothing), whose surprisal marks text no person writes: the optimised gibberish suffixes of GCG-style
// attacks ("describing.\ + similarlyNow write oppositeley.]( Me giving**ONE"), random-search tokens. Per user
// window it yields three numbers — mean surprisal, the peak mean over any run of PEAK_RUN modelled characters,
// and the share of characters above the benign 98th percentile — each turned into thermometer-coded
// rule-feature buckets against quantile edges measured on benign text, so the head learns how much each level
// is worth. Only Latin-range code units (< U+0250: ASCII, Latin-1, Latin Extended) are modelled: the suffixes
// are written in them, and scripts the training data covers thinly (CJK, Thai) would otherwise all look
// unnatural. Deterministic (counts in float64, fixed order); the tables ship as two float16 tensors.
import { FNV_OFFSET, bucketOf, fnv1a, fnvStep } from './hashing.js';

export interface LmSettings {
  /** log2 of the context tables and of the joint (context, character) table. */
  bits: number;
  jointBits: number;
  /** Longest context; orders 1..order are interpolated (Witten-Bell) down to a uniform alphabet. */
  order: number;
  /** Nominal alphabet size of the uniform base distribution. */
  vocab: number;
  /** Characters at the end of a window that are scored (adversarial suffixes sit at the end). */
  span: number;
}

export const DEFAULT_LM: LmSettings = { bits: 19, jointBits: 20, order: 4, vocab: 96, span: 320 };

/** Number of modelled characters averaged for the peak statistic; the tail statistic uses TAIL_RUN. */
const PEAK_RUN = 24;
const TAIL_RUN = 64;
/** Fewer modelled characters than this in a window: no LM features (too little evidence). */
const MIN_CHARS = 24;
const CTX_SALT = 0x2f6b9a3d;
const JOINT_SALT = 0x7a1c4e95;

/** Counts (hashed): per context, how often it occurred (c) and how many distinct characters followed it (t). */
export interface CharLm {
  settings: LmSettings;
  ctxCount: Float32Array;
  ctxTypes: Float32Array;
  joint: Float32Array;
}

/** Edges (ascending) of the thermometer buckets, per statistic, and the per-character "high" cut. */
export interface LmEdges {
  mean: number[];
  peak: number[];
  frac: number[];
  tail: number[];
  high: number;
}

const modelled = (c: number): boolean => c < 0x250;

/** Folded code unit: ASCII lowercase, digits as '0', any whitespace as ' '. */
function fold(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c === 0x09 || c === 0x0a || c === 0x0d) return 0x20;
  return c;
}

/**
 * Walks the modelled characters of text[start, end): for each, the context buckets (orders 1..order, most
 * recent character first) and joint buckets go into `ctx` / `joint`, then `visit(position, folded char)`.
 */
function walk(
  text: string,
  start: number,
  end: number,
  s: LmSettings,
  ctx: Int32Array,
  joint: Int32Array,
  visit: (pos: number) => void,
): void {
  const mask = (1 << s.bits) - 1;
  const jmask = (1 << s.jointBits) - 1;
  const hist = new Array<number>(s.order).fill(0x01);
  for (let i = start; i < end; i++) {
    const raw = text.charCodeAt(i);
    if (!modelled(raw)) {
      // An unmodelled character breaks the context, like a text boundary.
      hist.fill(0x01);
      continue;
    }
    const c = fold(raw);
    let h = FNV_OFFSET ^ CTX_SALT;
    for (let k = 0; k < s.order; k++) {
      h = fnvStep(h, hist[s.order - 1 - k]!);
      ctx[k] = bucketOf(h, mask);
      joint[k] = bucketOf(fnvStep(h ^ JOINT_SALT, c), jmask);
    }
    visit(i);
    for (let k = 0; k < s.order - 1; k++) hist[k] = hist[k + 1]!;
    hist[s.order - 1] = c;
  }
}

export function trainCharLm(texts: Iterable<string>, settings: LmSettings = DEFAULT_LM): CharLm {
  const cc = new Float64Array(1 << settings.bits);
  const ct = new Float64Array(1 << settings.bits);
  const cj = new Float64Array(1 << settings.jointBits);
  const ctx = new Int32Array(settings.order);
  const joint = new Int32Array(settings.order);
  for (const t of texts)
    walk(t, 0, t.length, settings, ctx, joint, () => {
      for (let k = 0; k < settings.order; k++) {
        cc[ctx[k]!]!++;
        if (cj[joint[k]!] === 0) ct[ctx[k]!]!++;
        cj[joint[k]!]!++;
      }
    });
  return {
    settings,
    ctxCount: Float32Array.from(cc),
    ctxTypes: Float32Array.from(ct),
    joint: Float32Array.from(cj),
  };
}

/** Tables as shipped: ln(1 + count), float16-quantized by the caller; `fromLogCounts` undoes it on load. */
export function toLogCounts(a: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.log1p(a[i]!);
  return out;
}
export function fromLogCounts(a: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  // Most buckets are empty (0) or hold one of a few small counts: skip the exp for zeros.
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    out[i] = x === 0 ? 0 : Math.expm1(x);
  }
  return out;
}

export interface LmStats {
  mean: number;
  peak: number;
  frac: number;
  tail: number;
}

/** Surprisal (nats) of each modelled character in the last `span` characters of text[start, end). */
export function surprisals(lm: CharLm, text: string, start: number, end: number): Float64Array {
  const s = lm.settings;
  const from = Math.max(start, end - s.span);
  const out = new Float64Array(end - from);
  const mask = (1 << s.bits) - 1;
  const jmask = (1 << s.jointBits) - 1;
  const order = s.order;
  const hist = new Int32Array(order).fill(0x01);
  const base = 1 / s.vocab;
  const { ctxCount, ctxTypes, joint } = lm;
  let n = 0;
  // Same hashing as walk(), inlined: this runs on every scanned user window.
  for (let i = from; i < end; i++) {
    const raw = text.charCodeAt(i);
    if (raw >= 0x250) {
      hist.fill(0x01);
      continue;
    }
    const c = fold(raw);
    let h = FNV_OFFSET ^ CTX_SALT;
    let p = base;
    for (let k = 0; k < order; k++) {
      h = fnvStep(h, hist[order - 1 - k]!);
      const cb = bucketOf(h, mask);
      const cc = ctxCount[cb]!;
      if (cc <= 0) break;
      const t = Math.max(1, ctxTypes[cb]!);
      p = (joint[bucketOf(fnvStep(h ^ JOINT_SALT, c), jmask)]! + t * p) / (cc + t);
    }
    out[n++] = -Math.log(p);
    for (let k = 0; k < order - 1; k++) hist[k] = hist[k + 1]!;
    hist[order - 1] = c;
  }
  return out.subarray(0, n);
}

/** Statistics of window [start, end) (its last `span` characters), or undefined with too little text. */
export function lmStats(
  lm: CharLm,
  text: string,
  start: number,
  end: number,
  high: number,
): LmStats | undefined {
  const v = surprisals(lm, text, start, end);
  const n = v.length;
  if (n < MIN_CHARS) return undefined;
  let sum = 0;
  let above = 0;
  for (let k = 0; k < n; k++) {
    sum += v[k]!;
    if (v[k]! > high) above++;
  }
  let run = 0;
  for (let k = 0; k < PEAK_RUN; k++) run += v[k]!;
  let peak = run;
  for (let k = PEAK_RUN; k < n; k++) {
    run += v[k]! - v[k - PEAK_RUN]!;
    if (run > peak) peak = run;
  }
  const tailN = Math.min(TAIL_RUN, n >> 1);
  let tail = 0;
  for (let k = n - tailN; k < n; k++) tail += v[k]!;
  const tailMean = tail / tailN;
  const headMean = (sum - tail) / (n - tailN);
  return { mean: sum / n, peak: peak / PEAK_RUN, frac: above / n, tail: tailMean - headMean };
}

const bucketCache = new Map<string, number>();
const bucket = (name: string, ruleBits: number): number => {
  const key = `${ruleBits}:${name}`;
  let b = bucketCache.get(key);
  if (b === undefined) {
    b = bucketOf(fnv1a(name), (1 << ruleBits) - 1);
    bucketCache.set(key, b);
  }
  return b;
};

/** Thermometer-coded rule buckets of the statistics: `lm.<stat>.<k>` for every edge k the value reaches. */
export function lmBuckets(stats: LmStats | undefined, edges: LmEdges, ruleBits: number): number[] {
  // Too little Latin-script text to judge (most of a Hindi or Chinese prompt): no LM feature at all, so the
  // script itself never becomes evidence either way.
  if (stats === undefined) return [];
  const out: number[] = [];
  for (const name of ['mean', 'peak', 'frac', 'tail'] as const) {
    const e = edges[name];
    for (let k = 0; k < e.length && stats[name] >= e[k]!; k++) out.push(bucket(`lm.${name}.${k}`, ruleBits));
  }
  return out;
}

/** Quantile (linear interpolation) of a sorted array. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Infinity;
  const x = q * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (x - lo);
}

export const EDGE_QUANTILES = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999] as const;

/** Edges from benign statistics: quantiles of each, rounded to 1e-4 so the manifest reads cleanly. */
export function lmEdges(stats: readonly LmStats[], high: number): LmEdges {
  const r = (x: number): number => Math.round(x * 1e4) / 1e4;
  const edges = (xs: number[]): number[] => {
    xs.sort((a, b) => a - b);
    const out: number[] = [];
    for (const q of EDGE_QUANTILES) {
      const v = r(quantile(xs, q));
      // Strictly increasing, so a value reaching edge k reaches every lower edge.
      if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
    }
    return out;
  };
  return {
    mean: edges(stats.map((s) => s.mean)),
    peak: edges(stats.map((s) => s.peak)),
    frac: edges(stats.map((s) => s.frac)),
    tail: edges(stats.map((s) => s.tail)),
    high: r(high),
  };
}

/** The per-character "high surprisal" cut: the q-quantile of per-character surprisal over benign texts. */
export function highCut(lm: CharLm, texts: readonly string[], q = 0.98): number {
  const vals: number[] = [];
  for (const t of texts) for (const v of surprisals(lm, t, 0, t.length)) vals.push(v);
  vals.sort((a, b) => a - b);
  return quantile(vals, q);
}
