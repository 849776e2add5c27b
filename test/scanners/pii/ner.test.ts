import { describe, expect, it } from 'vitest';
import { scanPii } from '../../../src/scanners/pii.js';
import { piiNer, scanPiiNer } from '../../../src/scanners/pii/ner.js';

describe('pii-ner (compromise)', () => {
  it('finds a bare name the cue detector cannot see, and not the cue-detected ones twice', () => {
    // "Olivia Johnson" has no cue: the cheap scanner's token tagger finds it now, so pii-ner does not repeat it.
    const text = 'crm.lookup("Olivia Johnson") was called. Hi Maria Garcia, welcome.';
    const spans = (f: ReturnType<typeof scanPii>) =>
      f.map((x) => [x.category, text.slice(x.span![0], x.span![1])]);
    const both = [...spans(scanPii(text)), ...spans(scanPiiNer(text))];
    expect(both).toContainEqual(['pii.person', 'Olivia Johnson']);
    expect(both.filter(([, v]) => v === 'Maria Garcia')).toHaveLength(1);
    expect(both.filter(([, v]) => v === 'Olivia Johnson')).toHaveLength(1);
  });

  it('tags places and organisations', () => {
    const cats = scanPiiNer('She moved from Paris to work for Microsoft last year.').map((f) => f.category);
    expect(cats).toContain('pii.location');
    expect(cats).toContain('pii.organization');
  });

  it('skips lower-case text and bounds the tagged length', () => {
    expect(scanPiiNer('nothing capitalised here at all')).toEqual([]);
    const long = 'Hello there. '.repeat(50) + 'Kwame Mensah met Ingrid Larsen in Oslo.';
    const f = scanPiiNer(long, { nerMaxChars: 100 });
    expect(f.map((x) => x.signals?.[0])).toEqual(['pii.ner.truncated']);
  });

  it('is a model-cost scanner', () => {
    expect(piiNer.cost).toBe('model');
  });
});
