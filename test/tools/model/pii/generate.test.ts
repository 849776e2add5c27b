import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { taggerLexicon } from '../../../../tools/model/pii/oof.js';
import { describe, expect, it } from 'vitest';
import {
  ALL_LOCALES,
  HELDOUT_LOCALES,
  HELDOUT_TEMPLATES,
  TRAIN_LOCALES,
  TRAIN_TEMPLATES,
  type Example,
  type Family,
  compileLexicon,
  fakerFor,
  generate,
  render,
} from '../../../../tools/model/pii/generate.js';
import { mulberry32 } from '../../../../src/model/prng.js';

const RECORD_IDS = (f: Family): string[] => ['frames', ...f.formats.map((x) => `rec-${x}`)];

describe('pii generator: determinism', () => {
  it('a seed gives the same examples every time, even after other seeds ran; another seed gives others', () => {
    const locales = ['en', 'de', 'fr', 'pl'];
    const a = generate(40, locales, TRAIN_TEMPLATES, 7);
    const b = generate(40, locales, TRAIN_TEMPLATES, 8);
    const again = generate(40, locales, TRAIN_TEMPLATES, 7);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    expect(b.map((e) => e.text)).not.toEqual(a.map((e) => e.text));
    expect(a).toHaveLength(40);
    for (const e of a) expect(locales).toContain(e.locale);
  });
});

describe('pii generator: gold spans', () => {
  it('a span covers exactly the value put in its slot', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = mulberry32(seed);
      const locale = ALL_LOCALES[seed % ALL_LOCALES.length]!;
      const ex = render({ id: 'frames', text: 'Ask [{P}] about [{A}] today.' }, locale, r);
      expect(ex.spans.map((s) => s.kind)).toEqual(['PER', 'ADR']);
      const [p, a] = ex.spans as [Example['spans'][0], Example['spans'][0]];
      expect(ex.text.slice(0, p.start)).toBe('Ask [');
      expect(ex.text.slice(p.end, a.start)).toBe('] about [');
      expect(ex.text.slice(a.end)).toBe('] today.');
      expect(p.end).toBeGreaterThan(p.start);
      expect(a.end).toBeGreaterThan(a.start);
      expect(ex).toMatchObject({ locale, template: 'frames' });
    }
  });

  it('a city, postcode or country right after an address joins its span; after a name, or later, it does not', () => {
    const r = mulberry32(3);
    const joined = render({ id: 'frames', text: 'At {A}, {city}.' }, 'en', r);
    expect(joined.spans).toHaveLength(1);
    expect(joined.spans[0]!.start).toBe(3);
    expect(joined.spans[0]!.end).toBe(joined.text.length - 1);
    const onNewLine = render({ id: 'frames', text: '{A}\n{zip}' }, 'de', r);
    expect(onNewLine.spans).toEqual([{ kind: 'ADR', start: 0, end: onNewLine.text.length }]);
    const apart = render({ id: 'frames', text: '{A} near {city}' }, 'en', r);
    expect(apart.text.slice(apart.spans[0]!.end)).toMatch(/^ near \S/);
    const person = render({ id: 'frames', text: '{P}, {country}' }, 'en', r);
    expect(person.spans).toHaveLength(1);
    expect(person.text.slice(person.spans[0]!.end, person.spans[0]!.end + 2)).toBe(', ');
    const filler = render({ id: 'frames', text: 'From {city} to {city} on {weekday}.' }, 'fr', r);
    expect(filler.spans).toEqual([]);
  });

  it('in generated examples spans lie in the text, in order, without overlap or outer blanks (any seed and locale)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(...ALL_LOCALES),
        fc.boolean(),
        (seed, locale, heldOut) => {
          const family = heldOut ? HELDOUT_TEMPLATES : TRAIN_TEMPLATES;
          for (const ex of generate(8, [locale], family, seed)) {
            expect(RECORD_IDS(family)).toContain(ex.template);
            let last = 0;
            for (const s of ex.spans) {
              expect(s.start).toBeGreaterThanOrEqual(last);
              expect(s.end).toBeGreaterThan(s.start);
              expect(s.end).toBeLessThanOrEqual(ex.text.length);
              const surface = ex.text.slice(s.start, s.end);
              expect(surface.trim()).toBe(surface);
              expect(surface).not.toMatch(/[{}]/);
              // Inside a JSON string, CSV cell, YAML or table row a value keeps to one line.
              if (ex.template !== 'frames' && ex.template !== 'rec-lines')
                expect(surface).not.toContain('\n');
              if (s.kind === 'PER') expect(surface).not.toContain('\n');
              last = s.end;
            }
            // Slots are all filled: no template markup is left anywhere.
            expect(ex.text).not.toMatch(/\{[a-zA-Z_]+\}/);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('pii generator: train and held-out families', () => {
  it('TRAIN and HELDOUT templates share no frame, label or record format', () => {
    const disjoint = (a: readonly string[], b: readonly string[]): void => {
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((x) => b.includes(x))).toEqual([]);
    };
    for (const pool of ['name', 'address', 'both', 'filler'] as const)
      disjoint(TRAIN_TEMPLATES.frames[pool], HELDOUT_TEMPLATES.frames[pool]);
    disjoint(TRAIN_TEMPLATES.nameLabels, HELDOUT_TEMPLATES.nameLabels);
    disjoint(TRAIN_TEMPLATES.addressLabels, HELDOUT_TEMPLATES.addressLabels);
    disjoint(TRAIN_TEMPLATES.formats, HELDOUT_TEMPLATES.formats);
    expect(TRAIN_TEMPLATES.frames.name).toContain('My name is {P}.');
    expect(HELDOUT_TEMPLATES.frames.name).toContain("{P}'s account was locked this morning.");
    // The train-only frames widen the training contexts and are never rendered for the evaluation.
    expect(TRAIN_TEMPLATES.frames.name).toContain('Photo by {P}');
    expect(TRAIN_TEMPLATES.frames.address).toContain('Registered office: {A}');
  });

  it('a train row record holds values only, no field label', () => {
    const rows = generate(300, ['en'], TRAIN_TEMPLATES, 5).filter((e) => e.template === 'rec-row');
    expect(rows.length).toBeGreaterThan(5);
    for (const e of rows) {
      expect(e.text).not.toMatch(/[:=]\s|^\s*(?:Name|Address|Email|Phone)\b/u);
      expect(e.spans.some((s) => s.kind === 'PER')).toBe(true);
    }
  });

  it('held-out examples never use a train record format, and train examples never a held-out one', () => {
    const heldOut = new Set(generate(200, ['en'], HELDOUT_TEMPLATES, 11).map((e) => e.template));
    const train = new Set(generate(200, ['en'], TRAIN_TEMPLATES, 11).map((e) => e.template));
    expect([...heldOut].sort()).toEqual(['frames', 'rec-table', 'rec-yaml']);
    expect([...train].sort()).toEqual(['frames', 'rec-csv', 'rec-json', 'rec-kv', 'rec-lines', 'rec-row']);
  });

  it('train and held-out locales are disjoint, all known to faker, and ALL_LOCALES is both', () => {
    expect(TRAIN_LOCALES.filter((l) => (HELDOUT_LOCALES as readonly string[]).includes(l))).toEqual([]);
    expect(ALL_LOCALES).toEqual([...TRAIN_LOCALES, ...HELDOUT_LOCALES]);
    expect(new Set(ALL_LOCALES).size).toBe(ALL_LOCALES.length);
    for (const l of ALL_LOCALES) expect(typeof fakerFor(l).person.firstName()).toBe('string');
    expect(() => fakerFor('xx_NOPE')).toThrow('unknown faker locale xx_NOPE');
  });
});

describe('pii generator: lexicon', () => {
  it('lists are non-empty, sorted, deduplicated, lower-case single words', () => {
    const lex = compileLexicon(['en', 'de']);
    for (const [cls, list] of Object.entries(lex)) {
      expect(list.length, cls).toBeGreaterThan(0);
      expect(list, cls).toEqual([...new Set(list)].sort());
      for (const w of list) {
        expect(w).toBe(w.toLowerCase());
        expect(w).toMatch(/^[^\s,.()/\d]{2,30}$/u);
      }
    }
    expect(lex.city).toContain('berlin');
    expect(lex.city).toContain('aires'); // "Buenos Aires" is split into words
    expect(lex.org).toContain('microsoft');
  });

  it('more locales give a superset; unknown locales add nothing', () => {
    const en = compileLexicon(['en']);
    const enDe = compileLexicon(['en', 'de']);
    expect(compileLexicon(['en', 'no_such_locale'])).toEqual(en);
    for (const cls of ['first', 'last', 'street', 'city'] as const) {
      const bigger = new Set(enDe[cls]);
      expect(en[cls].filter((w) => !bigger.has(w))).toEqual([]);
      expect(enDe[cls].length).toBeGreaterThan(en[cls].length);
    }
  });

  it('the shipped tagger manifest carries the lexicon of every locale (models/ is not stale)', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../../../models/pii-tagger-v1.json', import.meta.url), 'utf8'),
    ) as { lexicon: Record<string, string[]> };
    expect(manifest.lexicon).toEqual(taggerLexicon(ALL_LOCALES));
  });
});
