import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUNCT, SPACE, WORD, tables } from '../../src/model/char-tables.js';

describe('character tables', () => {
  it('class letters, digits and marks of any script as word, whitespace and controls as space, the rest as punctuation', () => {
    const { cls } = tables();
    for (const ch of ['a', 'Z', 'é', 'ß', 'ж', '中', 'ا', '7', '_', '\u0301'])
      expect(cls[ch.charCodeAt(0)]).toBe(WORD);
    for (const ch of [' ', '\t', '\n', '\u00a0', '\u3000', '\u0001'])
      expect(cls[ch.charCodeAt(0)]).toBe(SPACE);
    for (const ch of ['.', '<', '!', '-', '»', '、']) expect(cls[ch.charCodeAt(0)]).toBe(PUNCT);
  });

  it('fold case and every digit to 0, so numbers of any value hash alike', () => {
    const { fold } = tables();
    expect(String.fromCharCode(fold['A'.charCodeAt(0)]!)).toBe('a');
    expect(String.fromCharCode(fold['Ж'.charCodeAt(0)]!)).toBe('ж');
    for (const d of '0123456789') expect(fold[d.charCodeAt(0)]).toBe(0x30);
  });

  it('fold to a single code unit that has the class of the original', () => {
    const { cls, fold } = tables();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (c) => {
        expect(fold[c]).toBeGreaterThanOrEqual(0);
        expect(cls[fold[c]!]).toBe(cls[c]);
      }),
      { numRuns: 2000 },
    );
  });

  it('build the tables once', () => {
    expect(tables().cls).toBe(tables().cls);
    expect(tables().fold).toBe(tables().fold);
  });
});
