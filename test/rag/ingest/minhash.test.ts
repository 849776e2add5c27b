import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minhash, nearDuplicates, outliers, similarity } from '../../../src/rag/ingest/minhash.js';

const words = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => `w${seed}x${(i * 7919) % 1000}`).join(' ');

describe('minhash', () => {
  it('estimates similarity: identical 1, lightly edited high, unrelated low, empty 0', () => {
    const a = words(300, 1);
    expect(similarity(minhash(a), minhash(a))).toBe(1);
    expect(similarity(minhash(a), minhash(`${a} one more sentence here`))).toBeGreaterThan(0.8);
    expect(similarity(minhash(a), minhash(words(300, 500)))).toBeLessThan(0.2);
    expect(similarity(minhash(''), minhash(''))).toBe(0);
  });

  it('finds near-duplicate pairs once each', () => {
    const a = words(200, 3);
    const docs = [
      { id: 'a', signature: minhash(a) },
      { id: 'b', signature: minhash(words(200, 400)) },
      { id: 'c', signature: minhash(`${a} plus`) },
    ];
    expect(nearDuplicates(docs).map((p) => [p.a, p.b])).toEqual([['a', 'c']]);
  });

  it('flags outliers by robust z-score, with a mean-deviation fallback, never in small folders', () => {
    const docs = (xs: number[]) => xs.map((x, i) => ({ id: `d${i}`, features: { length: x } }));
    expect(outliers(docs([10, 11, 9, 10, 12, 10, 9, 11, 10, 95]))).toEqual([
      { id: 'd9', reason: "length far from the folder's median" },
    ]);
    // More than half equal (MAD 0): the mean absolute deviation decides; one far value is still found.
    expect(outliers(docs([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7])).map((o) => o.id)).toEqual(['d9']);
    expect(outliers(docs([0, 0, 0, 0, 0, 0, 0.2, 0.3, 0.25, 0.2]))).toEqual([]);
    expect(outliers(docs(Array(12).fill(3)))).toEqual([]);
    expect(outliers(docs([10, 11, 9, 10, 95]))).toEqual([]); // under MIN_OUTLIER_DOCS
  });

  it('similarity is symmetric and in [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (x, y) => {
        const s = similarity(minhash(x), minhash(y));
        expect(similarity(minhash(y), minhash(x))).toBe(s);
        expect(s >= 0 && s <= 1).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
