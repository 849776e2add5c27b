import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/core/utf8.js';

/** Any UTF-16 code unit, so lone and swapped surrogates come up often. */
const codeUnits = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

describe('utf8Length', () => {
  it('counts 1 to 4 bytes per character, and a lone surrogate as U+FFFD (3 bytes)', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\uD83D')).toBe(3);
    expect(utf8Length('\uDE00\uD83D')).toBe(6);
    expect(utf8Length('a\uD83D')).toBe(4);
    expect(utf8Length('\uD83Da')).toBe(4);
  });

  it('equals the length TextEncoder produces, for any string (property)', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.oneof(codeUnits, fc.string({ unit: 'grapheme', maxLength: 40 })), (s) => {
        expect(utf8Length(s)).toBe(enc.encode(s).byteLength);
      }),
      { numRuns: 2000 },
    );
  });
});
