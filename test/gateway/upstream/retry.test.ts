import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abortableSleep,
  backoffMs,
  MAX_BACKOFF_MS,
  parseRetryAfter,
} from '../../../src/gateway/upstream/retry.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');

describe('backoffMs', () => {
  it('is uniform in [0, min(cap, base × 2^attempt)]', () => {
    expect(backoffMs(0, 100, () => 0.5)).toBe(50);
    expect(backoffMs(3, 100, () => 0.999)).toBe(799);
    expect(backoffMs(20, 100, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(2, 100, () => 1, 250)).toBe(250);
  });

  it('stays within its bounds for any attempt and any random value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ noNaN: true }),
        (attempt, base, r) => {
          const ms = backoffMs(attempt, base, () => r);
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(attempt, 30)));
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates; anything else is undefined', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Fri, 01 May 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 01 May 2026 11:00:00 GMT', NOW)).toBe(0); // in the past: no wait
    for (const bad of [undefined, null, '', '12345678901', 'soon', '0x10', 'x'.repeat(100)])
      expect(parseRetryAfter(bad, NOW), String(bad)).toBeUndefined();
  });

  it('never returns a negative or non-finite wait (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const ms = parseRetryAfter(s, NOW);
        if (ms !== undefined) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay, and rejects with the reason when aborted before or during', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    const reason = new Error('stop');
    const ctl = new AbortController();
    const sleeping = abortableSleep(60_000, ctl.signal);
    ctl.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(abortableSleep(1, ctl.signal)).rejects.toBe(reason);
  });
});
