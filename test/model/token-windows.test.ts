// Windowing for the ONNX classifier: text pieces handed to the tokenizer and token windows handed to the
// model. A gap between windows or pieces is a place where an attack is never classified.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import { maxTokens, planWindows, splitPieces } from '../../src/model/token-windows.js';

const errorOf = (fn: () => unknown): RampartError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RampartError) return e;
    throw e;
  }
  throw new Error('expected a RampartError');
};

const isLow = (c: string | undefined) => c !== undefined && /[\uDC00-\uDFFF]/u.test(c);

describe('splitPieces', () => {
  it('cuts after whitespace in the second half of a piece', () => {
    expect(splitPieces('aaa bbb ccc', 5)).toEqual([
      [0, 4],
      [4, 8],
      [8, 11],
    ]);
    expect(splitPieces('', 5)).toEqual([]);
    expect(splitPieces('short', 512)).toEqual([[0, 5]]);
  });

  it('cuts at maxChars when no whitespace is near, but never between the halves of a surrogate pair', () => {
    expect(splitPieces('abcdefgh', 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 8],
    ]);
    // '😀' is two UTF-16 units at 2..4: a cut at 3 would split it, so the piece ends at 2.
    expect(splitPieces('ab😀cd', 3)).toEqual([
      [0, 2],
      [2, 5],
      [5, 6],
    ]);
  });

  it('split text into contiguous pieces of bounded length that never cut a surrogate pair (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3000 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '😀', '\u{1F468}\u200D\u{1F469}'), maxLength: 2000 }),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 600 }), (t, max) => {
        const pieces = splitPieces(t, max);
        let at = 0;
        for (const [s, e] of pieces) {
          expect(s).toBe(at);
          expect(e - s).toBeGreaterThan(0);
          expect(e - s).toBeLessThanOrEqual(max);
          if (e < t.length) expect(isLow(t[e])).toBe(false);
          at = e;
        }
        expect(at).toBe(t.length);
      }),
    );
  });
});

describe('planWindows', () => {
  it('gives exact window starts, the last moved back to end at the last token', () => {
    expect(planWindows(0, 10, 2, 4)).toEqual({ starts: [], content: 10 });
    expect(planWindows(5, 10, 2, 4)).toEqual({ starts: [0], content: 10 });
    expect(planWindows(10, 10, 2, 4)).toEqual({ starts: [0], content: 10 });
    expect(planWindows(25, 10, 2, 4)).toEqual({ starts: [0, 8, 15], content: 10 });
    expect(planWindows(34, 10, 2, 4)).toEqual({ starts: [0, 8, 16, 24], content: 10 });
  });

  it('is INPUT_TOO_LARGE past maxWindows, naming both counts', () => {
    const e = errorOf(() => planWindows(35, 10, 2, 4));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toBe('the text needs 5 classifier windows; the limit (maxWindows) is 4');
    expect(maxTokens(10, 2, 4)).toBe(34);
  });

  it('cover every token, in order, within maxWindows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 2, max: 512 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 64 }),
        (count, content, overlapRaw, maxWindows) => {
          const overlap = overlapRaw % Math.max(1, Math.floor(content / 2));
          const fits = count <= maxTokens(content, overlap, maxWindows);
          if (!fits) {
            // Exactly the counts maxTokens says are too many are refused, never silently truncated.
            expect(errorOf(() => planWindows(count, content, overlap, maxWindows)).code).toBe(
              'INPUT_TOO_LARGE',
            );
            return;
          }
          const plan = planWindows(count, content, overlap, maxWindows);
          expect(plan.content).toBe(content);
          expect(plan.starts.length).toBeLessThanOrEqual(maxWindows);
          if (count === 0) {
            expect(plan.starts).toEqual([]);
            return;
          }
          let covered = 0;
          let prev = -1;
          for (const s of plan.starts) {
            expect(s).toBeGreaterThan(prev); // in order, no window twice
            expect(s).toBeLessThanOrEqual(covered); // no gap
            expect(s + Math.min(content, count)).toBeLessThanOrEqual(count); // inside the tokens
            covered = Math.max(covered, s + content);
            prev = s;
          }
          expect(plan.starts[0]).toBe(0);
          expect(covered).toBeGreaterThanOrEqual(count);
        },
      ),
    );
  });
});
