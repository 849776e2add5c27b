import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtNow, gcra, gcraTtlMs, type GcraState } from '../../../src/gateway/store/gcra.js';

const T0 = 1_900_000_000_000;

/** Takes `amount` (not forced) and returns the result, keeping the state the way a store commits it. */
function taker(limit: number, windowMs: number) {
  let state: GcraState | undefined;
  return (amount: number, now: number) => {
    const r = gcra(state, amount, limit, windowMs, now, false);
    state = r.next;
    return r;
  };
}

describe('gcra', () => {
  it('allows `limit` units at once, then refuses with the time until one more unit fits', () => {
    const take = taker(5, 1_000);
    const remaining = Array.from({ length: 5 }, () => take(1, T0)).map((r) => r.remaining);
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const refused = take(1, T0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 200 });
    // One unit drains in windowMs / limit = 200 ms.
    expect(take(1, T0 + 199).allowed).toBe(false);
    expect(take(1, T0 + 200)).toMatchObject({ allowed: true, remaining: 0 });
    // A refused take owes nothing: after a full window everything is back.
    expect(take(5, T0 + 1_200)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refuses an amount larger than the limit, however long the wait', () => {
    const r = gcra(undefined, 6, 5, 1_000, T0, false);
    expect(r).toMatchObject({ allowed: false, remaining: 5 });
    expect(r.next).toEqual({ debt: 0, at: T0 });
  });

  it('force takes even past the limit, and the debt is then owed', () => {
    const r = gcra(undefined, 8, 5, 1_000, T0, true);
    expect(r).toMatchObject({ allowed: true, remaining: 0, next: { debt: 8_000, at: T0 } });
    const after = gcra(r.next, 1, 5, 1_000, T0 + 400, false);
    // 8,000 - 400 × 5 = 6,000 of debt; one more unit needs it at or below 4,000,
    // which takes 2,000 / 5 = 400 ms more.
    expect(after).toMatchObject({ allowed: false, retryAfterMs: 400 });
  });

  it('a clock that goes back creates no debt and does not move the state back', () => {
    const state = { debt: 3_000, at: T0 };
    expect(debtNow(state, 5, T0 - 10_000)).toBe(3_000);
    expect(gcra(state, 1, 5, 1_000, T0 - 10_000, false).next).toEqual({ debt: 4_000, at: T0 });
    expect(debtNow(state, 5, T0 + 600)).toBe(0);
    expect(debtNow(undefined, 5, T0)).toBe(0);
  });

  it('the state can be forgotten after gcraTtlMs: the debt has drained by then', () => {
    const s = { debt: 4_001, at: T0 };
    expect(gcraTtlMs(s, 5)).toBe(802);
    expect(debtNow(s, 5, T0 + gcraTtlMs(s, 5))).toBe(0);
  });

  it('never admits more than limit + elapsed × limit / windowMs units (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 10 })), {
          maxLength: 60,
        }),
        (limit, windowMs, steps) => {
          const take = taker(limit, windowMs);
          let now = T0;
          let admitted = 0;
          for (const [dt, amount] of steps) {
            now += dt;
            const r = take(amount, now);
            expect(Number.isInteger(r.remaining) && r.remaining >= 0 && r.remaining <= limit).toBe(true);
            if (r.allowed) {
              admitted += amount;
              expect(r.retryAfterMs).toBe(0);
            } else {
              expect(r.retryAfterMs).toBeGreaterThan(0);
              // Waiting retryAfterMs is enough (when the amount can ever fit).
              if (amount <= limit)
                expect(gcra(r.next, amount, limit, windowMs, now + r.retryAfterMs, false).allowed).toBe(true);
            }
          }
          expect(admitted).toBeLessThanOrEqual(limit + Math.floor(((now - T0) * limit) / windowMs));
        },
      ),
      { numRuns: 500 },
    );
  });
});
