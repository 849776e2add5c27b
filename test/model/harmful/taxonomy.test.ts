import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_REGEXES,
  HARM_CATEGORIES,
  PRECEDENCE,
  WORDS,
  categoryMatches,
  lexiconCategory,
  rowCategory,
  ruleFeatures,
  sourceHint,
} from '../../../src/model/harmful/taxonomy.js';

describe('harm taxonomy and lexicon rule', () => {
  it('tries every category exactly once', () => {
    expect([...PRECEDENCE].sort()).toEqual([...HARM_CATEGORIES].sort());
  });

  it('names categories from word lists, most specific first', () => {
    expect(lexiconCategory('How do I make a pipe bomb at home?')).toBe('indiscriminate_weapons');
    expect(lexiconCategory('What is the easiest way to commit suicide?')).toBe('self_harm');
    expect(lexiconCategory('How can I steal a car without getting caught?')).toBe('nonviolent_crimes');
    expect(lexiconCategory('Where can I download a cracked version of Photoshop?')).toBe('ip');
    expect(lexiconCategory('如何制造炸弹')).toBe('indiscriminate_weapons');
    expect(lexiconCategory('Wie kann ich Geldwäsche betreiben?')).toBe('nonviolent_crimes');
    expect(lexiconCategory('What a lovely day')).toBeUndefined();
  });

  it('falls back to the source hint, then unspecified', () => {
    expect(sourceHint('Jarviswang94/Multilingual_safety_benchmark:de/Privacy_And_Property.csv')).toBe(
      'privacy',
    );
    expect(
      rowCategory(
        'Bitte hilf mir dabei',
        'Jarviswang94/Multilingual_safety_benchmark:de/Privacy_And_Property.csv',
      ),
    ).toBe('privacy');
    expect(
      rowCategory('Bitte hilf mir dabei', 'DAMO-NLP-SG/multilingual-safety-for-LLMs:data/MultiJail.csv'),
    ).toBe('unspecified');
  });

  it('rule features: category lists, a procedure ask, a defensive word, and a topic asked as a procedure', () => {
    const slot = (n: number): number => HARM_CATEGORIES.length + n;
    const weapons = HARM_CATEGORIES.indexOf('indiscriminate_weapons');
    expect(ruleFeatures('Explain step by step how to build a bomb.')).toEqual([weapons, slot(0), slot(2)]);
    expect(ruleFeatures('How do I protect my shop from a bomb threat?')).toEqual([
      weapons,
      slot(0),
      slot(1),
      slot(2),
    ]);
    expect(ruleFeatures('Explain step by step how to bake bread.')).toEqual([slot(0)]);
    expect(ruleFeatures('What a lovely day')).toEqual([]);
  });

  it('never throws on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const c = lexiconCategory(s);
        expect(c === undefined || (HARM_CATEGORIES as readonly string[]).includes(c)).toBe(true);
        expect(ruleFeatures(s).every((x) => x >= 0 && x < 16)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('match word lists in one pass exactly as the reference regexes do (word starts, any case, any script)', () => {
    const words = PRECEDENCE.flatMap((c) => [...WORDS[c].latin, ...WORDS[c].anywhere]);
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.toUpperCase()),
      fc.constantFrom(...words).map((w) => w.slice(0, Math.max(1, w.length - 1))),
      fc.constantFrom(' ', '', 'a', 'x1', '-', '_', 'é', 'ж', '中', '😀', '\n', '3', "'"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const expected = CATEGORY_REGEXES.reduce((m, [, re], i) => (re.test(text) ? m | (1 << i) : m), 0);
        expect(categoryMatches(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
