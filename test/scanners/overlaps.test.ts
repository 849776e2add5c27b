// resolveOverlaps replaced two copies (secrets.ts and pii.ts): the properties check it against both, kept
// here verbatim as references, on random spans with many ties and overlaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../../src/scanners/overlaps.js';

interface Hit {
  start: number;
  end: number;
  rank: number;
  score: number;
  veto?: boolean;
  id: number;
}

/** The PII scanner's former resolveOverlaps: global priority order, occupancy over the whole text. */
function piiReference(found: readonly Hit[], length: number): Hit[] {
  if (found.length < 2) return [...found];
  const sorted = [...found].sort((a, b) => a.rank - b.rank || b.score - a.score || a.start - b.start);
  const taken = new Uint8Array(length);
  const kept: Hit[] = [];
  for (const d of sorted) {
    let free = true;
    for (let i = d.start; i < d.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, d.start, d.end);
    kept.push(d);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The secrets scanner's former resolveOverlaps: sweep into groups, rank within each, drop vetoes. */
function secretsReference(input: readonly Hit[]): Hit[] {
  const hits = [...input];
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  let group: Hit[] = [];
  let groupEnd = -1;
  const rank = (h: Hit): number => (h.veto ? 2 : h.rank);
  const flush = () => {
    group.sort((a, b) => rank(b) - rank(a) || b.score - a.score || b.end - b.start - (a.end - a.start));
    const kept: Hit[] = [];
    for (const h of group) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
    out.push(...kept.filter((h) => !h.veto));
    group = [];
  };
  for (const h of hits) {
    if (h.start >= groupEnd && group.length > 0) flush();
    group.push(h);
    groupEnd = Math.max(groupEnd, h.end);
  }
  if (group.length > 0) flush();
  return out.sort((a, b) => a.start - b.start);
}

const LENGTH = 40;
const hits = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: LENGTH - 1 }),
      len: fc.integer({ min: 1, max: 12 }),
      rank: fc.integer({ min: 0, max: 2 }),
      score: fc.constantFrom(0.3, 0.5, 0.9),
      veto: fc.boolean(),
    }),
    { maxLength: 30 },
  )
  .map((rs) =>
    rs.map((r, id) => ({
      start: r.start,
      end: Math.min(LENGTH, r.start + r.len),
      rank: r.rank,
      score: r.score,
      veto: r.veto,
      id,
    })),
  );

describe('resolveOverlaps', () => {
  it('keeps what the PII scanner kept', () => {
    fc.assert(
      fc.property(hits, (hs) => {
        const got = resolveOverlaps(hs, (a, b) => a.rank - b.rank || b.score - a.score || a.start - b.start);
        expect(got.map((h) => h.id)).toEqual(piiReference(hs, LENGTH).map((h) => h.id));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps what the secrets scanner kept', () => {
    const rank = (h: Hit): number => (h.veto ? 2 : h.rank);
    fc.assert(
      fc.property(hits, (hs) => {
        const got = resolveOverlaps(
          hs,
          (a, b) =>
            rank(b) - rank(a) ||
            b.score - a.score ||
            b.end - b.start - (a.end - a.start) ||
            a.start - b.start ||
            b.end - a.end,
        ).filter((h) => !h.veto);
        expect(got.map((h) => h.id)).toEqual(secretsReference(hs).map((h) => h.id));
      }),
      { numRuns: 500 },
    );
  });

  it('returns kept spans by start, none overlapping, each input kept or overlapped by a kept one', () => {
    fc.assert(
      fc.property(hits, (hs) => {
        const kept = resolveOverlaps(hs, (a, b) => b.score - a.score);
        for (let i = 1; i < kept.length; i++) expect(kept[i]!.start).toBeGreaterThanOrEqual(kept[i - 1]!.end);
        for (const h of hs)
          expect(kept.some((k) => k === h || (h.start < k.end && k.start < h.end))).toBe(true);
      }),
    );
  });

  it('copies fewer than two spans, and handles many nested ones in linear-ish time', () => {
    const one = [{ start: 0, end: 3 }];
    expect(resolveOverlaps(one, () => 0)).toEqual(one);
    expect(resolveOverlaps(one, () => 0)).not.toBe(one);
    expect(resolveOverlaps([], () => 0)).toEqual([]);
    const nested = Array.from({ length: 20_000 }, (_, i) => ({ start: i, end: 40_000 - i }));
    const kept = resolveOverlaps(nested, (a, b) => a.end - a.start - (b.end - b.start));
    expect(kept).toEqual([{ start: 19_999, end: 20_001 }]);
  });
});
