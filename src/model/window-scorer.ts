// Scores many windows of one text from a single feature pass: per-anchor prefix sums of the weights and of the
// feature counts make each window O(1), so a 100 KB document costs one extraction plus O(length).
import type { Span } from '../core/types.js';
import type { FeatureList } from './features.js';
import type { Doc } from './logistic.js';
import { lengthBucket, rulesIn, type RuleHit } from './rule-features.js';

export interface HeadWeights {
  w: Float32Array;
  r: Float32Array;
  bias: number;
}

export interface WindowScore {
  logit: number;
  span: Span;
}

/** Best (highest-logit) window; windows must lie inside [0, length]. */
export function bestWindow(
  head: HeadWeights,
  feats: FeatureList,
  length: number,
  windows: readonly Span[],
  hits: readonly RuleHit[],
  extra?: (start: number, end: number) => readonly number[],
): WindowScore {
  const sum = new Float64Array(length + 1);
  const cnt = new Int32Array(length + 1);
  for (let k = 0; k < feats.length; k++) {
    const a = feats.anchors[k]! + 1;
    sum[a] = sum[a]! + head.w[feats.buckets[k]!]!;
    cnt[a] = cnt[a]! + 1;
  }
  for (let i = 1; i <= length; i++) {
    sum[i] = sum[i]! + sum[i - 1]!;
    cnt[i] = cnt[i]! + cnt[i - 1]!;
  }
  let best: WindowScore = { logit: -Infinity, span: [0, length] };
  for (const span of windows) {
    const [s, e] = span;
    const c = cnt[e]! - cnt[s]!;
    let z = head.bias + (sum[e]! - sum[s]!) / Math.sqrt(Math.max(1, c)) + head.r[lengthBucket(c)]!;
    if (hits.length > 0) for (const b of rulesIn(hits, s, e)) z += head.r[b]!;
    if (extra !== undefined) for (const b of extra(s, e)) z += head.r[b]!;
    if (z > best.logit) best = { logit: z, span };
  }
  return best;
}

/** Anchor-sorted copy of a feature list (counting sort), the training-time representation. */
export function sortByAnchor(feats: FeatureList, length: number): Doc {
  const start = new Int32Array(length + 2);
  for (let k = 0; k < feats.length; k++) start[feats.anchors[k]! + 1]!++;
  for (let i = 1; i < start.length; i++) start[i] = start[i]! + start[i - 1]!;
  const buckets = new Int32Array(feats.length);
  const anchors = new Int32Array(feats.length);
  for (let k = 0; k < feats.length; k++) {
    const a = feats.anchors[k]!;
    const at = start[a]!;
    start[a] = at + 1;
    buckets[at] = feats.buckets[k]!;
    anchors[at] = a;
  }
  return { buckets, anchors };
}

/** First index whose anchor is >= pos. */
export function lowerBound(anchors: Int32Array, pos: number): number {
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (anchors[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Best user window (windows.ts `userWindows`: the whole text, or `size`-character windows every size/2) from
 * per-block sums: windows are unions of two size/2 blocks, so one pass over the features scores them all
 * without the per-character prefix arrays of `bestWindow` (the user head also reads 100 KB documents).
 */
export function bestUserWindow(
  head: HeadWeights,
  feats: FeatureList,
  length: number,
  whole: number,
  size: number,
  hits: readonly RuleHit[],
  extra?: (start: number, end: number) => readonly number[],
): WindowScore {
  const step = size >> 1;
  const single = length <= whole;
  const nb = single ? 1 : Math.max(1, Math.ceil(length / step));
  const bs = new Float64Array(nb);
  const bc = new Int32Array(nb);
  const { anchors, buckets } = feats;
  const w = head.w;
  if (single) {
    let sum = 0;
    for (let k = 0; k < feats.length; k++) sum += w[buckets[k]!]!;
    bs[0] = sum;
    bc[0] = feats.length;
  } else {
    for (let k = 0; k < feats.length; k++) {
      const j = Math.floor(anchors[k]! / step);
      bs[j] = bs[j]! + w[buckets[k]!]!;
      bc[j]!++;
    }
  }
  let best: WindowScore = { logit: -Infinity, span: [0, length] };
  for (let i = 0; i < nb; i++) {
    const s = single ? 0 : i * step;
    const e = single ? length : Math.min(length, s + size);
    const two = !single && i + 1 < nb;
    const sum = bs[i]! + (two ? bs[i + 1]! : 0);
    const c = bc[i]! + (two ? bc[i + 1]! : 0);
    let z = head.bias + sum / Math.sqrt(Math.max(1, c)) + head.r[lengthBucket(c)]!;
    if (hits.length > 0) for (const b of rulesIn(hits, s, e)) z += head.r[b]!;
    if (extra !== undefined) for (const b of extra(s, e)) z += head.r[b]!;
    if (z > best.logit) best = { logit: z, span: [s, e] };
    if (e >= length) break;
  }
  return best;
}
