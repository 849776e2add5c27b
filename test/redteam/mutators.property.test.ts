// Hostile input: mutators run on attack text a user can write into a plan, so arbitrary strings (lone
// surrogates, control characters, tag characters, huge backtick runs) must never throw or blow up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromTags, removeZeroWidth, toTags } from '../../src/redteam/mutators/characters.js';
import { reverseText, toBase64, toHex } from '../../src/redteam/mutators/encodings.js';
import { rot13 } from '../../src/normalize/rot13.js';
import { applyMutators, getMutator, MUTATOR_NAMES } from '../../src/redteam/mutators/index.js';
import { mulberry32 } from '../../src/redteam/rng.js';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }));
const seed = fc.integer({ min: 0, max: 0xffffffff });
const protect = fc.array(fc.string({ minLength: 0, maxLength: 6 }), { maxLength: 3 });

describe('mutators on arbitrary text', () => {
  it('never throw, and output stays within 8x the input plus a constant', () => {
    fc.assert(
      fc.property(anyText, seed, protect, fc.constantFrom(...MUTATOR_NAMES), (text, s, prot, name) => {
        const out = getMutator(name).apply(text, mulberry32(s), prot);
        expect(typeof out).toBe('string');
        expect(out.length).toBeLessThanOrEqual(8 * text.length + 4096);
      }),
      { numRuns: 600 },
    );
  });

  it('are deterministic for a seed', () => {
    fc.assert(
      fc.property(anyText, seed, fc.constantFrom(...MUTATOR_NAMES), (text, s, name) => {
        expect(getMutator(name).apply(text, mulberry32(s))).toBe(getMutator(name).apply(text, mulberry32(s)));
      }),
      { numRuns: 300 },
    );
  });

  it('chains stay bounded too', () => {
    fc.assert(
      fc.property(anyText, seed, (text, s) => {
        const out = applyMutators(text, ['zero_width', 'base64', 'fake_delimiters'], mulberry32(s));
        expect(out.length).toBeLessThanOrEqual(8 * 8 * text.length + 8192);
      }),
      { numRuns: 200 },
    );
  });

  it('encodings decode back for well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(Buffer.from(toBase64(text), 'base64').toString('utf8')).toBe(text);
        expect(Buffer.from(toHex(text), 'hex').toString('utf8')).toBe(text);
        expect(rot13(rot13(text))).toBe(text);
        expect(reverseText(reverseText(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('tag smuggling round-trips printable ASCII, zero-width removal recovers any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), seed, (text, s) => {
        const printable = text.replace(/[^\x20-\x7e]/gu, '');
        expect(fromTags(toTags(printable))).toBe(printable);
        expect(fromTags(getMutator('tag_smuggling').apply(printable, mulberry32(s)))).toBe(printable);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(anyText, seed, (text, s) => {
        expect(removeZeroWidth(getMutator('zero_width').apply(text, mulberry32(s)))).toBe(
          removeZeroWidth(text),
        );
      }),
      { numRuns: 300 },
    );
  });
});
