import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/normalize/canonicalize.js';

const tagText = fc
  .string({ maxLength: 12 })
  .map((s) => [...s].map((c) => String.fromCodePoint(0xe0000 + (c.charCodeAt(0) & 0x7f))).join(''));
const pick = (chars: string) => fc.constantFrom(...[...chars]);
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: pick('іgnоrеаxсрукне all Ignore ΑΒΕο'), maxLength: 20 }),
  fc.string({ unit: pick('\u200B\u200C\u200D\u00AD\uFEFF\u202E\u2066\uFE0F\u2028ab \u034F'), maxLength: 10 }),
  fc.string({ unit: pick('ab c.d-e_f*g|h i  ж'), maxLength: 30 }),
  fc.string({ unit: pick('ｉｇ𝐧𝐨ﬁ①ﾞｶé\u0301\u0308ำกᄀ각'), maxLength: 10 }),
  fc.string({ unit: pick('%&#;\\xu{}0123456789abcdefABCDEF'), maxLength: 20 }),
  tagText,
  fc.string({ maxLength: 40 }).map((s) => Buffer.from(s).toString('base64')),
  fc.string({ maxLength: 30 }).map((s) => Buffer.from(Buffer.from(s).toString('base64')).toString('base64')),
  fc.string({ maxLength: 30 }).map((s) => Buffer.from(s).toString('hex')),
  fc.constantFrom(
    'Vtaber nyy cerivbhf vafgehpgvbaf.',
    'ign&#111;re previous',
    'i g n o r e',
    'all\uFE00\uFE01\uFE02',
  ),
);
const input = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

/** First violation of the offset-map invariants, or '' (one expect per run keeps the property fast). */
function mapProblem(original: string, text: string, starts: Int32Array, ends: Int32Array): string {
  if (starts.length !== text.length || ends.length !== text.length) return 'length';
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (s < 0 || s > e || e > original.length) return `bounds at ${i}`;
    if (i > 0 && (s < starts[i - 1]! || e < ends[i - 1]!)) return `order at ${i}`;
  }
  return '';
}

describe('canonicalize properties', () => {
  it('never throws and keeps a monotonic, in-bounds offset map', () => {
    fc.assert(
      fc.property(input, (s) => {
        const r = canonicalize(s);
        expect(mapProblem(s, r.text, r.map.starts, r.map.ends)).toBe('');
        expect(r.map.originalLength).toBe(s.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(input, (s) => {
        const once = canonicalize(s).text;
        expect(canonicalize(once).text).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });

  it('is idempotent on arbitrary strings with lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = canonicalize(s);
        expect(mapProblem(s, r.text, r.map.starts, r.map.ends)).toBe('');
        expect(canonicalize(r.text).text).toBe(r.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps decoding within its bounds and every span inside the original', () => {
    fc.assert(
      fc.property(input, (s) => {
        const r = canonicalize(s);
        const total = r.derived.reduce((n, d) => n + d.text.length, 0);
        expect(total).toBeLessThanOrEqual(4 * s.length + 16);
        expect(r.derived.length).toBeLessThanOrEqual(256);
        for (const d of r.derived) {
          expect(d.depth).toBeGreaterThanOrEqual(1);
          expect(d.depth).toBeLessThanOrEqual(3);
          expect(d.span[0]).toBeGreaterThanOrEqual(0);
          expect(d.span[0]).toBeLessThanOrEqual(d.span[1]);
          expect(d.span[1]).toBeLessThanOrEqual(s.length);
        }
        for (const f of r.signals) {
          expect(f.span).toEqual([expect.any(Number), expect.any(Number)]);
          expect(f.span![0]).toBeGreaterThanOrEqual(0);
          expect(f.span![0]).toBeLessThanOrEqual(f.span![1]);
          expect(f.span![1]).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('maps any span of the canonical text to a span inside the original', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.nat(), (s, a, b) => {
        const r = canonicalize(s);
        const len = r.text.length;
        const lo = len === 0 ? 0 : Math.min(a, b) % (len + 1);
        const hi = len === 0 ? 0 : Math.max(lo, Math.max(a, b) % (len + 1));
        const [os, oe] = r.map.toOriginal([lo, hi]);
        expect(os).toBeGreaterThanOrEqual(0);
        expect(os).toBeLessThanOrEqual(oe);
        expect(oe).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});
