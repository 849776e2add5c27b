// Platt scaling: p = sigmoid(a*z + b), fitted by Newton's method on held-back logits (Platt 1999, with the
// smoothed targets of Lin, Lin & Weng 2007 so a separable calibration set does not drive a to infinity).
import { sigmoid } from './logistic.js';

export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(logits: readonly number[], labels: readonly boolean[]): Platt {
  let pos = 0;
  for (const l of labels) if (l) pos++;
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0,
      g2 = 0,
      h11 = 1e-9,
      h22 = 1e-9,
      h21 = 0;
    for (let i = 0; i < logits.length; i++) {
      const z = logits[i]!;
      const t = labels[i] ? hi : lo;
      const p = sigmoid(a * z + b);
      const d = p - t;
      const w = Math.max(p * (1 - p), 1e-12);
      g1 += d * z;
      g2 += d;
      h11 += w * z * z;
      h22 += w;
      h21 += w * z;
    }
    const det = h11 * h22 - h21 * h21;
    if (Math.abs(det) < 1e-18) break;
    const da = (h22 * g1 - h21 * g2) / det;
    const db = (h11 * g2 - h21 * g1) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

export const applyPlatt = (p: Platt, z: number): number => sigmoid(p.a * z + p.b);
