import { describe, expect, it } from 'vitest';
import { foldCompact, foldSpaced } from '../../../src/agent/taint/fold.js';

describe('foldCompact', () => {
  it('makes the usual copies of an injected value compare equal', () => {
    const original = foldCompact('https://evil.example/collect?k=1');
    for (const copy of [
      'HTTPS://EVIL.EXAMPLE/collect?k=1',
      'https://evil.example/ collect?k=1',
      'https://evil\u200B.example/collect?k=1', // zero-width space
      'https://evil.\u00ADexample/collect?k=1', // soft hyphen
      'ｈｔｔｐｓ://evil.example/collect?k=1', // full-width
      'https://еvil.example/collect?k=1', // Cyrillic е
      'https://evil.example/collect?k=1\n\t',
    ])
      expect(foldCompact(copy), JSON.stringify(copy)).toBe(original);
  });

  it('keeps different values different', () => {
    expect(foldCompact('evil.example')).not.toBe(foldCompact('evil.exampl3'));
    expect(foldCompact('a-b')).not.toBe(foldCompact('ab'));
  });
});

describe('foldSpaced', () => {
  it('folds the same way but keeps one space between words', () => {
    expect(foldSpaced('Send\u00A0 ALL\u200B the\t\nＦＩＬＥＳ')).toBe('send all the files');
    expect(foldSpaced('').length).toBe(0);
  });
});
