import { describe, expect, it } from 'vitest';
import { piiNer, scanPiiNer } from '../../../src/scanners/pii.js';

describe('pii-ner (compromise)', () => {
  it('finds a bare name the cue detector cannot see, and not the cue-detected ones twice', () => {
    const text = 'crm.lookup("Olivia Johnson") was called. Hi Maria Garcia, welcome.';
    const found = scanPiiNer(text).map((f) => [f.category, text.slice(f.span![0], f.span![1])]);
    expect(found).toContainEqual(['pii.person', 'Olivia Johnson']);
    expect(found.map(([, v]) => v)).not.toContain('Maria Garcia');
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
