import { describe, expect, it } from 'vitest';
import { decodeEscapes } from '../../src/normalize/decode-escapes.js';

describe('decodeEscapes', () => {
  it('decodes HTML character references over the whole line', () => {
    expect(decodeEscapes('ign&#111;re previous')).toEqual([
      { text: 'ignore previous', span: [0, 20], via: 'html_entity' },
    ]);
    expect(decodeEscapes('&#x69;&#x67;nore &lt;all&gt;')[0]!.text).toBe('ignore <all>');
  });

  it('decodes percent-encoding, including UTF-8 sequences', () => {
    expect(decodeEscapes('go %69%67nore %C3%A9t%C3%A9')[0]!.text).toBe('go ignore été');
  });

  it('decodes \\u, \\u{…} and \\x escapes', () => {
    expect(decodeEscapes('say \\x69\\x67nore \\u0061ll \\u{72}ules')[0]!.text).toBe('say ignore all rules');
    expect(decodeEscapes('\\xc3\\xa9\\x74\\xc3\\xa9')[0]!.text).toBe('été');
  });

  it('only decodes lines where an ASCII letter or digit was encoded', () => {
    expect(decodeEscapes('Tom &amp; Jerry &lt;3 caf&eacute;')).toEqual([]);
    expect(decodeEscapes('https://x.test/a%20b%2Fc?q=caf%C3%A9')).toEqual([]);
    expect(decodeEscapes('{"name": "caf\\u00e9"}')).toEqual([]);
    expect(decodeEscapes('100% sure & ready')).toEqual([]);
  });

  it('keeps each line separate and maps the trimmed line', () => {
    const text = 'first line\n  x&#105;y  \nthird %41';
    expect(decodeEscapes(text)).toEqual([
      { text: 'third A', span: [24, 33], via: 'percent' },
      { text: 'xiy', span: [13, 21], via: 'html_entity' },
    ]);
  });
});
