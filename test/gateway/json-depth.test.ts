import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from '../../src/gateway/json-depth.js';

/** The reference: depth of the parsed value, counted recursively (fine for the small values generated). */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

// Strings full of the characters the scan must not count when they sit inside a string.
const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ', '\u2028', 'é') });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('jsonNestingDepth', () => {
  it('agrees with the depth of the parsed value, for any limit', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 12 }), fc.boolean(), (v, limit, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        expect(jsonNestingDepth(text, limit)).toBe(Math.min(depthOf(v), limit + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('ends on any text, valid JSON or not, without exceeding limit + 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 64 }), (text, limit) => {
        const d = jsonNestingDepth(text, limit);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(limit + 1);
      }),
    );
  });

  it('counts brackets outside strings only, escaped quotes included', () => {
    expect(jsonNestingDepth('"[[[["', 2)).toBe(0);
    expect(jsonNestingDepth('["\\"[[[", [1]]', 5)).toBe(2);
    expect(jsonNestingDepth('{"a":[{}]}', 5)).toBe(3);
    expect(jsonNestingDepth('42', 0)).toBe(0);
    expect(jsonNestingDepth(JSON.stringify(['a\\', [['x"]']]]), 9)).toBe(3); // an even run ends the string
    expect(jsonNestingDepth('["unterminated [[[', 9)).toBe(1);
  });

  it('stops at limit + 1 on hostile depth, without recursion', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonNestingDepth(text, 64)).toBe(65);
    expect(jsonNestingDepth('[]'.repeat(1_000_000), 64)).toBe(1);
    // Long backslash runs and many escaped quotes: each run is looked at once.
    expect(jsonNestingDepth(`["${'\\\\'.repeat(500_000)}${'\\"'.repeat(500_000)}"]`, 64)).toBe(1);
  });
});
