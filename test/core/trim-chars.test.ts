import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimEndChars } from '../../src/core/trim-chars.js';

describe('trimEndChars', () => {
  it('drops only the listed characters at the end', () => {
    expect(trimEndChars('@alice.,!', '.,;:!?')).toBe('@alice');
    expect(trimEndChars('a.b!', '.!')).toBe('a.b');
    expect(trimEndChars('why？！', '?？!！.。')).toBe('why');
    expect(trimEndChars('...', '.')).toBe('');
    expect(trimEndChars('plain', '.')).toBe('plain');
  });

  it('agrees with the regular expression it replaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', '!', '?', ' ', 'é', ',') }), (s) => {
        expect(trimEndChars(s, '.,;:!?')).toBe(s.replace(/[.,;:!?]+$/u, ''));
      }),
    );
  });

  it('stays linear on a long run of trimmed characters that does not end the text', () => {
    const hostile = `${'!'.repeat(200_000)}\u0000!`;
    expect(trimEndChars(hostile, '!')).toBe(`${'!'.repeat(200_000)}\u0000`);
  });
});
