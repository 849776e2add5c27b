// Logistic regression over hashed features, trained with AdaGrad (per-bucket step sizes suit hashed n-grams:
// rare buckets keep large steps, frequent ones settle) and L2 applied on touch. An example is a RANGE of a
// document's anchor-sorted features, so sentence windows and whole texts share one feature pass.
import type { Prng } from './prng.js';

export interface LinearHead {
  /** Hashed n-gram weights (2^bits). */
  w: Float32Array;
  /** Rule-feature weights (2^RULE_BITS). */
  r: Float32Array;
  bias: number;
}

/** Features of one text, sorted by anchor. */
export interface Doc {
  buckets: Int32Array;
  anchors: Int32Array;
}

export interface Example {
  doc: number;
  /** Feature range [lo, hi) in the doc's sorted arrays. */
  lo: number;
  hi: number;
  rules: readonly number[];
  y: 0 | 1;
  weight: number;
}

export interface LogisticOptions {
  epochs: number;
  lr: number;
  l2: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 6, lr: 0.2, l2: 1e-6 };

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** Raw logit of an example under a head (training-time; inference uses prefix sums in window-scorer.ts). */
export function logit(head: LinearHead, doc: Doc, ex: Example): number {
  let s = 0;
  for (let k = ex.lo; k < ex.hi; k++) s += head.w[doc.buckets[k]!]!;
  let z = head.bias + s / Math.sqrt(Math.max(1, ex.hi - ex.lo));
  for (const b of ex.rules) z += head.r[b]!;
  return z;
}

export function trainLogistic(
  docs: readonly Doc[],
  examples: readonly Example[],
  sizes: { bits: number; ruleBits: number },
  rng: Prng,
  opts: LogisticOptions = DEFAULT_LOGISTIC,
): LinearHead {
  const w = new Float64Array(1 << sizes.bits);
  const gw = new Float64Array(1 << sizes.bits);
  const r = new Float64Array(1 << sizes.ruleBits);
  const gr = new Float64Array(1 << sizes.ruleBits);
  let bias = 0;
  let gb = 0;
  const order = examples.map((_, i) => i);
  const eps = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    rng.shuffle(order);
    for (const idx of order) {
      const ex = examples[idx]!;
      const doc = docs[ex.doc]!;
      const scale = 1 / Math.sqrt(Math.max(1, ex.hi - ex.lo));
      let s = 0;
      for (let k = ex.lo; k < ex.hi; k++) s += w[doc.buckets[k]!]!;
      let z = bias + s * scale;
      for (const b of ex.rules) z += r[b]!;
      const g = (sigmoid(z) - ex.y) * ex.weight;
      if (g === 0) continue;
      const gs = g * scale;
      for (let k = ex.lo; k < ex.hi; k++) {
        const b = doc.buckets[k]!;
        const wb = w[b]!;
        const grad = gs + opts.l2 * wb;
        const acc = gw[b]! + grad * grad;
        gw[b] = acc;
        w[b] = wb - (opts.lr * grad) / Math.sqrt(acc + eps);
      }
      for (const b of ex.rules) {
        const grad = g + opts.l2 * r[b]!;
        gr[b] = gr[b]! + grad * grad;
        r[b] = r[b]! - (opts.lr * grad) / Math.sqrt(gr[b]! + eps);
      }
      gb += g * g;
      bias -= (opts.lr * g) / Math.sqrt(gb + eps);
    }
  }
  return { w: Float32Array.from(w), r: Float32Array.from(r), bias };
}
