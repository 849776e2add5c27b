// Overlap resolution for detectors that propose spans: of spans that overlap, keep the best. The secrets and
// PII scanners each had their own; both now rank their candidates and call this.

/** Anything with a half-open span [start, end) of UTF-16 code units. */
export interface Spanned {
  start: number;
  end: number;
}

/**
 * Keeps the best of overlapping spans: best first by `compare` (negative when `a` is better; ties keep the
 * input order), a span is kept when it overlaps none kept before it (an empty span overlaps nothing).
 * Returns the kept spans by start. The kept spans are disjoint, so "does this one overlap a kept one" is a
 * binary search: O(n log n) plus an array insertion per kept span, however the spans nest.
 */
export function resolveOverlaps<T extends Spanned>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
): T[] {
  // Nothing can overlap fewer than two spans (the common case): no sort.
  if (items.length < 2) return [...items];
  const order = items.map((item, i) => ({ item, i })).sort((a, b) => compare(a.item, b.item) || a.i - b.i);
  const kept: T[] = [];
  // Non-empty kept spans by start; being disjoint, their ends ascend too.
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { item } of order) {
    const { start, end } = item;
    if (end > start) {
      // The last kept span starting before `end` is the only one that can reach past `start`.
      const at = firstAtOrAfter(starts, end);
      if (at > 0 && ends[at - 1]! > start) continue;
      const slot = firstAtOrAfter(starts, start);
      starts.splice(slot, 0, start);
      ends.splice(slot, 0, end);
    }
    kept.push(item);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Index of the first value >= x in an ascending array (its length when none is). */
function firstAtOrAfter(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
