// A one-hidden-layer MLP over the same hashed features (ReLU, H units, input scaled by 1/sqrt(n) as in the
// linear head), trained with AdaGrad. Kept for the learner comparison; the shipped heads are logistic (see
// the closing note of issue 5: the MLP did not beat it at 1% FPR and loses the per-window prefix-sum scoring).
import type { Doc, Example } from '../../src/model/logistic.js';
import { sigmoid } from '../../src/model/logistic.js';
import type { Prng } from '../../src/model/prng.js';

export interface MlpHead {
  hidden: number;
  w1: Float32Array; // buckets x hidden
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

export function mlpLogit(m: MlpHead, doc: Doc, ex: Example, h = new Float64Array(m.hidden)): number {
  const H = m.hidden;
  const scale = 1 / Math.sqrt(Math.max(1, ex.hi - ex.lo));
  h.fill(0);
  for (let k = ex.lo; k < ex.hi; k++) {
    const o = doc.buckets[k]! * H;
    for (let j = 0; j < H; j++) h[j] = h[j]! + m.w1[o + j]!;
  }
  let z = m.b2;
  for (let j = 0; j < H; j++) {
    const a = h[j]! * scale + m.b1[j]!;
    h[j] = a > 0 ? a : 0;
    z += h[j]! * m.w2[j]!;
  }
  return z;
}

export function trainMlp(
  docs: readonly Doc[],
  examples: readonly Example[],
  bits: number,
  rng: Prng,
  { hidden = 16, epochs = 4, lr = 0.05 } = {},
): MlpHead {
  const H = hidden;
  const n = 1 << bits;
  const w1 = new Float64Array(n * H);
  for (let i = 0; i < w1.length; i++) w1[i] = (rng.next() - 0.5) * 0.2;
  const g1 = new Float64Array(n * H);
  const b1 = new Float64Array(H);
  const w2 = new Float64Array(H);
  for (let j = 0; j < H; j++) w2[j] = (rng.next() - 0.5) * 0.5;
  const gb1 = new Float64Array(H);
  const gw2 = new Float64Array(H);
  let b2 = 0;
  let gb2 = 0;
  const pre = new Float64Array(H);
  const act = new Float64Array(H);
  const order = examples.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (const idx of order) {
      const ex = examples[idx]!;
      const doc = docs[ex.doc]!;
      const scale = 1 / Math.sqrt(Math.max(1, ex.hi - ex.lo));
      pre.fill(0);
      for (let k = ex.lo; k < ex.hi; k++) {
        const o = doc.buckets[k]! * H;
        for (let j = 0; j < H; j++) pre[j] = pre[j]! + w1[o + j]!;
      }
      let z = b2;
      for (let j = 0; j < H; j++) {
        pre[j] = pre[j]! * scale + b1[j]!;
        act[j] = pre[j]! > 0 ? pre[j]! : 0;
        z += act[j]! * w2[j]!;
      }
      const g = (sigmoid(z) - ex.y) * ex.weight;
      gb2 += g * g;
      b2 -= (lr * g) / Math.sqrt(gb2 + 1e-8);
      for (let j = 0; j < H; j++) {
        const gh = pre[j]! > 0 ? g * w2[j]! : 0;
        const gw = g * act[j]!;
        gw2[j] = gw2[j]! + gw * gw;
        w2[j] = w2[j]! - (lr * gw) / Math.sqrt(gw2[j]! + 1e-8);
        pre[j] = gh;
        gb1[j] = gb1[j]! + gh * gh;
        b1[j] = b1[j]! - (lr * gh) / Math.sqrt(gb1[j]! + 1e-8);
      }
      for (let k = ex.lo; k < ex.hi; k++) {
        const o = doc.buckets[k]! * H;
        for (let j = 0; j < H; j++) {
          const gh = pre[j]! * scale;
          if (gh === 0) continue;
          const acc = g1[o + j]! + gh * gh;
          g1[o + j] = acc;
          w1[o + j] = w1[o + j]! - (lr * gh) / Math.sqrt(acc + 1e-8);
        }
      }
    }
  }
  return { hidden: H, w1: Float32Array.from(w1), b1: Float32Array.from(b1), w2: Float32Array.from(w2), b2 };
}
