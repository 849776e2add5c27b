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
