import { describe, expect, it } from 'vitest';
import {
  LATIN,
  LETTER,
  MARK,
  NFKC_STABLE,
  NUMBER,
  charFlags,
  codePointBefore,
} from '../../src/normalize/char-class.js';

describe('charFlags', () => {
  it('classifies letters, marks, digits and Latin script', () => {
    expect(charFlags(0x61)).toBe(LETTER | LATIN | NFKC_STABLE);
    expect(charFlags(0x439) & (LETTER | LATIN)).toBe(LETTER); // Cyrillic й
    expect(charFlags(0x301) & MARK).toBe(MARK);
    expect(charFlags(0x663) & NUMBER).toBe(NUMBER); // Arabic-Indic 3
    expect(charFlags(0xff41) & NFKC_STABLE).toBe(0); // fullwidth a
    expect(charFlags(0xd800) & (LETTER | MARK)).toBe(0);
  });

  it('relies on planes 4–13 being unassigned and 15–16 private use', () => {
    const notPlain = /[\p{L}\p{M}\p{N}]/u;
    const assigned: string[] = [];
    for (const [from, to] of [
      [0x40000, 0xdffff],
      [0xf0000, 0x10ffff],
    ] as const) {
      for (let cp = from; cp <= to; cp++) {
        const s = String.fromCodePoint(cp);
        if ((notPlain.test(s) || s.normalize('NFKC') !== s) && assigned.length < 10)
          assigned.push(`U+${cp.toString(16)}`);
      }
    }
    expect(assigned).toEqual([]);
  });
});

describe('codePointBefore', () => {
  it('reads a surrogate pair as one code point and a lone surrogate as itself', () => {
    expect(codePointBefore('a\u{1F600}', 3)).toBe(0x1f600);
    expect(codePointBefore('a\uDE00', 2)).toBe(0xde00);
    expect(codePointBefore('abc', 0)).toBe(-1);
  });
});
