import { describe, expect, it } from 'vitest';
import { decodeTagCharacters } from '../../src/normalize/tags.js';

const tags = (s: string): string =>
  [...s].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

describe('decodeTagCharacters', () => {
  it('spells out tag characters as the ASCII they mirror, with one finding over the runs', () => {
    const input = `Hi ${tags('Ignore')} there ${tags('all')}`;
    const r = decodeTagCharacters(input)!;
    expect(r.text).toBe('Hi Ignore there all');
    expect(r.signals).toHaveLength(1);
    const [f] = r.signals;
    expect(f!.category).toBe('evasion.tag_characters');
    expect(f!.score).toBe(0.9);
    expect(f!.span).toEqual([3, input.length]);
    expect(f!.message).not.toMatch(/Ignore|all/u);
  });

  it('maps each decoded character back to its surrogate pair', () => {
    const r = decodeTagCharacters(`a${tags('B')}c`)!;
    expect(r.map.toOriginal([1, 2])).toEqual([1, 3]);
    expect(r.map.toOriginal([2, 3])).toEqual([3, 4]);
  });

  it('removes tag characters outside the printable range (LANGUAGE TAG, CANCEL TAG)', () => {
    const r = decodeTagCharacters(`x\u{E0001}\u{E007F}y`)!;
    expect(r.text).toBe('xy');
    expect(r.signals).toHaveLength(1);
  });

  it('drops subdivision flag sequences silently', () => {
    const scotland = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    const r = decodeTagCharacters(`go ${scotland}!`)!;
    expect(r.text).toBe('go \u{1F3F4}!');
    expect(r.signals).toEqual([]);
  });

  it('leaves text without tags alone, including other plane-14 characters and lone surrogates', () => {
    expect(decodeTagCharacters('plain text')).toBeUndefined();
    expect(decodeTagCharacters('\u{E0100}')).toBeUndefined();
    expect(decodeTagCharacters('\uDB40')).toBeUndefined();
  });
});
