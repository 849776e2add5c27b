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

/** Reusable buffers of `scoreDocument` (one per detector: scoring is synchronous, so calls never overlap). */
export interface ScoreScratch {
  sum: Float64Array;
  cnt: Int32Array;
  block: Float64Array;
}

export const newScoreScratch = (): ScoreScratch => ({
  sum: new Float64Array(0),
  cnt: new Int32Array(0),
  block: new Float64Array(0),
});

/** Buffers larger than this (elements) are not kept between calls: one huge text does not pin memory. */
const KEEP_MAX = 1 << 18;

const zeroed = <T extends Float64Array | Int32Array>(
  have: T,
  n: number,
  make: (n: number) => T,
): { a: T; keep: boolean } => {
  if (have.length >= n) {
    have.fill(0, 0, n);
    return { a: have, keep: true };
  }
  return { a: make(n), keep: n <= KEEP_MAX };
};

export interface DocumentWindows {
  /** Untrusted-head windows (sentence windows), scored as `bestWindow` does. */
  windows: readonly Span[];
  hits: readonly RuleHit[];
  extra?: (start: number, end: number) => readonly number[];
}

export interface UserWindows {
  whole: number;
  size: number;
  hits: readonly RuleHit[];
  extra?: (start: number, end: number) => readonly number[];
}

/**
 * `bestWindow(untrusted, ...)` and `bestUserWindow(user, ...)` of one text from ONE pass over its features,
 * bit-identical to calling both (same float64 accumulations in the same order). Feature counts come from the
 * shared per-anchor prefix counts, so the user head's block counts need no accumulation of their own.
 */
export function scoreDocument(
  untrusted: HeadWeights,
  user: HeadWeights | undefined,
  feats: FeatureList,
  length: number,
  doc: DocumentWindows,
  userWin: UserWindows,
  scratch: ScoreScratch = newScoreScratch(),
): { untrusted: WindowScore; user: WindowScore | undefined } {
  const step = userWin.size >> 1;
  const single = length <= userWin.whole;
  const nb = single ? 1 : Math.max(1, Math.ceil(length / step));
  const s1 = zeroed(scratch.sum, length + 1, (n) => new Float64Array(n));
  const c1 = zeroed(scratch.cnt, length + 1, (n) => new Int32Array(n));
  const b1 = zeroed(scratch.block, nb, (n) => new Float64Array(n));
  const sum = s1.a;
  const cnt = c1.a;
  const bs = b1.a;
  if (s1.keep) scratch.sum = sum;
  if (c1.keep) scratch.cnt = cnt;
  if (b1.keep) scratch.block = bs;
  accumulate(feats, untrusted.w, user?.w, single ? 0 : step, sum, cnt, bs);
  prefix(sum, cnt, length);
  let best: WindowScore = { logit: -Infinity, span: [0, length] };
  const { windows, hits, extra } = doc;
  const ru = untrusted.r;
  const bu = untrusted.bias;
  for (let w = 0; w < windows.length; w++) {
    const span = windows[w]!;
    const s = span[0];
    const e = span[1];
    const c = cnt[e]! - cnt[s]!;
    let z = bu + (sum[e]! - sum[s]!) / Math.sqrt(Math.max(1, c)) + ru[lengthBucket(c)]!;
    if (hits.length > 0) for (const b of rulesIn(hits, s, e)) z += ru[b]!;
    if (extra !== undefined) for (const b of extra(s, e)) z += ru[b]!;
    if (z > best.logit) best = { logit: z, span };
  }
  if (user === undefined) return { untrusted: best, user: undefined };
  // Block counts from the prefix counts (block j: anchors in [j * step, (j + 1) * step), last one to length).
  const bc = new Int32Array(nb);
  if (single) bc[0] = feats.length;
  else for (let j = 0; j < nb; j++) bc[j] = cnt[Math.min(length, (j + 1) * step)]! - cnt[j * step]!;
  return { untrusted: best, user: bestOfBlocks(user, bs, bc, length, single, step, userWin) };
}

/** `bestUserWindow` of a text, without another head: one pass for the per-block sums and counts. */
export function scoreUserText(
  user: HeadWeights,
  feats: FeatureList,
  length: number,
  userWin: UserWindows,
  scratch: ScoreScratch = newScoreScratch(),
): WindowScore {
  const step = userWin.size >> 1;
  const single = length <= userWin.whole;
  const nb = single ? 1 : Math.max(1, Math.ceil(length / step));
  const b1 = zeroed(scratch.block, nb, (n) => new Float64Array(n));
  if (b1.keep) scratch.block = b1.a;
  const bc = new Int32Array(nb);
  accumulateBlocksFrom(feats, 0, user.w, single ? 0 : step, b1.a, bc);
  return bestOfBlocks(user, b1.a, bc, length, single, step, userWin);
}

/** What `scoreUserTextSteps` reads as it goes: the features and rule hits of the text up to a position. */
export interface UserTextFeed {
  /** Makes every feature anchored before `to` and every rule hit starting before `to` available. */
  advance(to: number): void;
  /** The features so far, in extraction order (read after each advance). */
  feats(): FeatureList;
  /** The rule hits so far, in the order `scoreUserText` would read them (read after each advance). */
  hits(): readonly RuleHit[];
}

/**
 * `scoreUserText` of a text longer than `userWin.whole`, reading its features in steps of `stepWindows`
 * windows. Without `stop` the result is bit-identical to `scoreUserText` (same float64 additions in the
 * same order). With `stop`, the first window whose logit satisfies it is returned at once (not the best
 * one): a check that blocks at that score needs to read no further. `windows` counts the windows scored.
 */
export function scoreUserTextSteps(
  user: HeadWeights,
  feed: UserTextFeed,
  length: number,
  userWin: Omit<UserWindows, 'hits'>,
  stop: ((logit: number) => boolean) | undefined,
  stepWindows: number,
  scratch: ScoreScratch = newScoreScratch(),
): WindowScore & { windows: number } {
  const size = userWin.size;
  const step = size >> 1;
  const nb = Math.max(1, Math.ceil(length / step));
  const b1 = zeroed(scratch.block, nb, (n) => new Float64Array(n));
  if (b1.keep) scratch.block = b1.a;
  const bs = b1.a;
  const bc = new Int32Array(nb);
  const rv = user.r;
  const ux = userWin.extra;
  let best: WindowScore = { logit: -Infinity, span: [0, length] };
  let consumed = 0;
  let scored = 0;
  for (let i = 0; ;) {
    const last = Math.min(nb - 1, i + Math.max(1, stepWindows) - 1);
    feed.advance(Math.min(length, last * step + size));
    const feats = feed.feats();
    accumulateBlocksFrom(feats, consumed, user.w, step, bs, bc);
    consumed = feats.length;
    const uh = feed.hits();
    for (; i <= last; i++) {
      const s = i * step;
      const e = Math.min(length, s + size);
      const two = i + 1 < nb;
      const sum = bs[i]! + (two ? bs[i + 1]! : 0);
      const c = bc[i]! + (two ? bc[i + 1]! : 0);
      let z = user.bias + sum / Math.sqrt(Math.max(1, c)) + rv[lengthBucket(c)]!;
      if (uh.length > 0) for (const b of rulesIn(uh, s, e)) z += rv[b]!;
      if (ux !== undefined) for (const b of ux(s, e)) z += rv[b]!;
      scored++;
      if (z > best.logit) best = { logit: z, span: [s, e] };
      if (stop !== undefined && stop(z)) return { logit: z, span: [s, e], windows: scored };
      if (e >= length) return { ...best, windows: scored };
    }
  }
}

/**
 * Per-block sums (in feature order, the running one kept in a register) and counts over features
 * [from, feats.length), added to those already there. Step 0: one block (x / 0 | 0 is 0 for any anchor).
 */
function accumulateBlocksFrom(
  feats: FeatureList,
  from: number,
  wv: Float32Array,
  step: number,
  bs: Float64Array,
  bc: Int32Array,
): void {
  const { anchors, buckets } = feats;
  const n = feats.length;
  if (from >= n) return;
  let j = (anchors[from]! / step) | 0;
  let t = bs[j]!;
  let c = bc[j]!;
  for (let k = from; k < n; k++) {
    const jj = (anchors[k]! / step) | 0;
    if (jj !== j) {
      bs[j] = t;
      bc[j] = c;
      j = jj;
      t = bs[jj]!;
      c = bc[jj]!;
    }
    t += wv[buckets[k]!]!;
    c++;
  }
  bs[j] = t;
  bc[j] = c;
}

/** The user windows' loop of `bestUserWindow`, from block sums and counts. */
function bestOfBlocks(
  user: HeadWeights,
  bs: Float64Array,
  bc: Int32Array,
  length: number,
  single: boolean,
  step: number,
  userWin: UserWindows,
): WindowScore {
  const nb = bc.length;
  let best: WindowScore = { logit: -Infinity, span: [0, length] };
  const rv = user.r;
  const uh = userWin.hits;
  const ux = userWin.extra;
  for (let i = 0; i < nb; i++) {
    const s = single ? 0 : i * step;
    const e = single ? length : Math.min(length, s + userWin.size);
    const two = !single && i + 1 < nb;
    const sum = bs[i]! + (two ? bs[i + 1]! : 0);
    const c = bc[i]! + (two ? bc[i + 1]! : 0);
    let z = user.bias + sum / Math.sqrt(Math.max(1, c)) + rv[lengthBucket(c)]!;
    if (uh.length > 0) for (const b of rulesIn(uh, s, e)) z += rv[b]!;
    if (ux !== undefined) for (const b of ux(s, e)) z += rv[b]!;
    if (z > best.logit) best = { logit: z, span: [s, e] };
    if (e >= length) break;
  }
  return best;
}

// The passes of scoreDocument are separate functions: V8 optimises each hot loop on its own, where one big
// function would be compiled on-stack at its first loop and deoptimised again at the next, on every call.

/**
 * Per-anchor sums (at anchor + 1) of the untrusted weights and per-anchor counts; with `wv`, per-block sums of
 * the user weights (block = anchor / step; step 0: one block). The running sums of the current anchor and
 * block stay in registers and go to memory when the anchor (block) changes: the same float64 additions in the
 * same order as `sum[a] += w` per feature, without a store-to-load round trip per feature.
 */
function accumulate(
  feats: FeatureList,
  wu: Float32Array,
  wv: Float32Array | undefined,
  step: number,
  sum: Float64Array,
  cnt: Int32Array,
  bs: Float64Array,
): void {
  const { anchors, buckets } = feats;
  const n = feats.length;
  let a = -1;
  let s = 0;
  let c = 0;
  if (wv === undefined) {
    for (let k = 0; k < n; k++) {
      const at = anchors[k]! + 1;
      if (at !== a) {
        if (a >= 0) {
          sum[a] = s;
          cnt[a] = c;
        }
        a = at;
        s = sum[at]!;
        c = cnt[at]!;
      }
      s += wu[buckets[k]!]!;
      c++;
    }
  } else {
    let j = 0;
    let t = bs[0]!;
    for (let k = 0; k < n; k++) {
      const b = buckets[k]!;
      const at = anchors[k]! + 1;
      if (at !== a) {
        if (a >= 0) {
          sum[a] = s;
          cnt[a] = c;
        }
        a = at;
        s = sum[at]!;
        c = cnt[at]!;
      }
      s += wu[b]!;
      c++;
      if (step !== 0) {
        const jj = ((at - 1) / step) | 0;
        if (jj !== j) {
          bs[j] = t;
          j = jj;
          t = bs[jj]!;
        }
      }
      t += wv[b]!;
    }
    bs[j] = t;
  }
  if (a >= 0) {
    sum[a] = s;
    cnt[a] = c;
  }
}

function prefix(sum: Float64Array, cnt: Int32Array, length: number): void {
  let run = 0;
  let runC = 0;
  for (let i = 1; i <= length; i++) {
    run += sum[i]!;
    sum[i] = run;
    runC += cnt[i]!;
    cnt[i] = runC;
  }
}
