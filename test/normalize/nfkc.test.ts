import { describe, expect, it } from 'vitest';
import { ATTACHES_AFTER_NFKC, applyNfkc } from '../../src/normalize/nfkc.js';

describe('applyNfkc', () => {
  it('folds fullwidth, mathematical and ligature forms', () => {
    expect(applyNfkc('ｉｇｎｏｒｅ 𝐚𝐥𝐥 ﬁle ①')!.text).toBe('ignore all file 1');
  });

  it('maps every output chunk to the original chunk', () => {
    const r = applyNfkc('a𝐛c')!;
    expect(r.text).toBe('abc');
    expect(r.map.toOriginal([1, 2])).toEqual([1, 3]);
    expect(r.map.toOriginal([2, 3])).toEqual([3, 4]);
    const lig = applyNfkc('xﬃy')!;
    expect(lig.text).toBe('xffiy');
    expect(lig.map.toOriginal([1, 4])).toEqual([1, 2]);
  });

  it('composes a letter with its combining marks', () => {
    expect(applyNfkc('e\u0301t\u00E9')!.text).toBe('\u00E9t\u00E9');
  });

  it('keeps lone surrogates and does not throw on them', () => {
    const r = applyNfkc('\uD800ｘ\uDC00')!;
    expect(r.text).toBe('\uD800x\uDC00');
  });

  it('returns undefined for text already in NFKC', () => {
    expect(applyNfkc('plain ascii and café')).toBeUndefined();
  });

  it('lists exactly the non-mark code points whose NFKC starts with a mark', () => {
    const found: number[] = [];
    for (let cp = 0x80; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (/^\p{M}/u.test(c)) continue;
      const n = c.normalize('NFKC');
      if (n !== c && /^\p{M}/u.test(n)) found.push(cp);
    }
    expect(found).toEqual([...ATTACHES_AFTER_NFKC]);
  });

  it('is stable on its own output for halfwidth voiced marks', () => {
    const once = applyNfkc('ｶﾞｷﾞ')!.text;
    expect(applyNfkc(once)?.text ?? once).toBe(once);
  });
});
