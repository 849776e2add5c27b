import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, msToNextUtcMidnight, utcDay } from '../../../src/gateway/limits/utc-day.js';

describe('utcDay', () => {
  it('changes at UTC midnight, whatever the local time zone', () => {
    const midnight = Date.parse('2026-03-29T00:00:00Z'); // a DST change in Europe that night
    expect(utcDay(midnight - 1)).toBe(utcDay(midnight) - 1);
    expect(utcDay(midnight + DAY_MS - 1)).toBe(utcDay(midnight));
    expect(new Date(utcDay(midnight) * DAY_MS).toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it('msToNextUtcMidnight lands on the next day, 1 ms to a full day ahead (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (now) => {
        const ms = msToNextUtcMidnight(now);
        expect(ms).toBeGreaterThanOrEqual(1);
        expect(ms).toBeLessThanOrEqual(DAY_MS);
        expect(utcDay(now + ms)).toBe(utcDay(now) + 1);
        expect((now + ms) % DAY_MS).toBe(0);
      }),
    );
  });
});
