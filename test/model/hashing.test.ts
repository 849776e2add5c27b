import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFeatures, DEFAULT_FEATURES } from '../../src/model/features.js';
import { fmix32, fnv1a } from '../../src/model/hashing.js';

describe('hashing', () => {
  it('matches the FNV-1a reference values', () => {
    // Published FNV-1a 32-bit test vectors (ASCII input).
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('is a pure function of its input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = fnv1a(s);
        expect(fnv1a(s)).toBe(h);
        expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
        expect(fmix32(h)).toBe(fmix32(fnv1a(s)));
      }),
    );
  });
});

describe('features', () => {
  it('are deterministic and stay in range, with anchors inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const a = extractFeatures(s);
        const b = extractFeatures(s);
        expect(a.length).toBe(b.length);
        for (let i = 0; i < a.length; i++) {
          expect(a.buckets[i]).toBe(b.buckets[i]);
          expect(a.buckets[i]!).toBeGreaterThanOrEqual(0);
          expect(a.buckets[i]!).toBeLessThan(1 << DEFAULT_FEATURES.bits);
          expect(a.anchors[i]!).toBeGreaterThanOrEqual(0);
          expect(a.anchors[i]!).toBeLessThan(Math.max(1, s.length));
        }
      }),
    );
  });

  it('ignore case and digits, and see word order', () => {
    const key = (s: string): string =>
      [...extractFeatures(s).buckets.slice(0, extractFeatures(s).length)].sort().join();
    expect(key('Ignore Previous 123')).toBe(key('ignore previous 999'));
    expect(key('ignore previous')).not.toBe(key('previous ignore'));
  });
});
