import { describe, expect, it } from 'vitest';
import { collapseSplitWords } from '../../src/normalize/split-words.js';

const collapse = (s: string): string => collapseSplitWords(s)?.text ?? s;

describe('collapseSplitWords', () => {
  it('collapses letters separated by spaces, keeping one space between groups', () => {
    const r = collapseSplitWords('please i g n o r e   a l l previous')!;
    expect(r.text).toBe('please ignore all previous');
    expect(r.signals).toEqual([
      expect.objectContaining({ category: 'evasion.split_words', score: 0.4, span: [7, 26] }),
    ]);
    expect(r.map.toOriginal([7, 13])).toEqual([7, 18]);
  });

  it('collapses each supported separator', () => {
    for (const sep of ['.', '-', '_', '*', '|']) {
      expect(collapse(['i', 'g', 'n', 'o', 'r', 'e'].join(sep) + ' it')).toBe('ignore it');
    }
  });

  it('needs one repeated separator and at least four letters', () => {
    expect(collapse('i-g.n-o')).toBe('i-g.n-o');
    expect(collapse('y o a')).toBe('y o a');
    expect(collapse('U.S.A. is big')).toBe('U.S.A. is big');
  });

  it('leaves ordinary prose in several languages alone', () => {
    const prose = [
      'I went to a shop and bought a loaf.',
      'Él y yo a veces vamos a la playa, o a la montaña.',
      'W domu i w pracy o tym myślę.',
      'Il y a un chat.',
      'x = a + b - c',
    ];
    for (const p of prose) expect(collapseSplitWords(p)).toBeUndefined();
  });

  it('does not merge Latin with non-Latin letters', () => {
    expect(collapse('ж i g n o r e')).toBe('ж ignore');
    expect(collapse('а б в г')).toBe('абвг');
  });

  it('is stable on its own output', () => {
    for (const s of ['i g n o r e   a l l', 'a b c d  e', 'a b c d ж e f g h']) {
      const once = collapse(s);
      expect(collapse(once)).toBe(once);
    }
  });
});
