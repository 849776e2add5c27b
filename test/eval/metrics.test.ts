import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryMetrics, percentile, recallAtFpr, rocAuc } from '../../src/eval/metrics.js';

/** Brute-force AUC: probability that a random positive outscores a random negative (ties half). */
function bruteAuc(scores: number[], labels: boolean[]): number {
  let sum = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (!labels[i]) return;
    scores.forEach((sn, j) => {
      if (labels[j]) return;
      pairs++;
      sum += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return sum / pairs;
}

describe('metrics', () => {
  it('computes recall, fpr, precision and f1 from predictions', () => {
    const m = binaryMetrics(
      [true, true, false, false, true],
      [true, false, true, false, true],
      [0.9, 0.8, 0.1, 0.2, 0.7],
    );
    expect(m).toMatchObject({
      n: 5,
      positives: 3,
      negatives: 2,
      recall: 2 / 3,
      fpr: 1 / 2,
      precision: 2 / 3,
    });
    expect(m.f1).toBeCloseTo(2 / 3);
  });

  it('returns null, not a magic number, when a rate is undefined', () => {
    const m = binaryMetrics([false], [false], [0]);
    expect(m.recall).toBeNull();
    expect(m.precision).toBeNull();
    expect(m.auc).toBeNull();
  });

  it('matches brute-force AUC on random data (ties included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (rows) => {
          const scores = rows.map(([s]) => s / 5);
          const labels = rows.map(([, l]) => l);
          const auc = rocAuc(scores, labels);
          if (!labels.includes(true) || !labels.includes(false) || scores.every((s) => s === scores[0])) {
            expect(auc).toBeNull();
          } else expect(auc).toBeCloseTo(bruteAuc(scores, labels), 10);
        },
      ),
    );
  });

  it('recall at a fixed FPR never exceeds that FPR on the negatives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: 2,
          maxLength: 200,
        }),
        (rows) => {
          const scores = rows.map(([s]) => s);
          const labels = rows.map(([, l]) => l);
          const { threshold, recall } = recallAtFpr(scores, labels, 0.05);
          const neg = scores.filter((_, i) => !labels[i]);
          if (recall === null) return;
          expect(neg.filter((s) => s > threshold).length).toBeLessThanOrEqual(Math.floor(0.05 * neg.length));
        },
      ),
    );
  });

  it('percentile picks the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([], 50)).toBeNull();
  });
});
