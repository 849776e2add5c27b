import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../src/rag/retrieve/chunk.js';

describe('chunkText', () => {
  it('packs paragraphs up to the limit and cuts long ones after a sentence', () => {
    expect(chunkText('one.\n\ntwo.\n\nthree.', 12)).toEqual(['one.\n\ntwo.', 'three.']);
    expect(chunkText('First sentence here. Second sentence is longer than that.', 30)).toEqual([
      'First sentence here.',
      'Second sentence is longer',
      'than that.',
    ]);
    expect(chunkText('   \n\n  ')).toEqual([]);
  });
  it('every chunk is within the limit, non-blank, and a piece of the original text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 4, max: 80 }), (text, max) => {
        for (const c of chunkText(text, max)) {
          expect(c.length).toBeLessThanOrEqual(max);
          expect(c.trim()).toBe(c);
          expect(c.length).toBeGreaterThan(0);
          for (const part of c.split('\n\n')) expect(text.includes(part)).toBe(true);
        }
      }),
    );
  });
});
