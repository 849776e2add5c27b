import { describe, expect, it } from 'vitest';
import { WORDNET_CLASSES } from '../../src/model/wordnet-classes.js';

describe('WordNet classes (generated)', () => {
  it('hold the synonyms the lexicon cues are built on, sorted and unique', () => {
    expect(WORDNET_CLASSES.override).toEqual(
      expect.arrayContaining(['ignore', 'disregard', 'overlook', 'set aside']),
    );
    expect(WORDNET_CLASSES.instructions).toEqual(
      expect.arrayContaining(['instruction', 'rule', 'guideline']),
    );
    expect(WORDNET_CLASSES.secrets).toEqual(expect.arrayContaining(['password', 'passcode']));
    expect(WORDNET_CLASSES.actions).toEqual(expect.arrayContaining(['grant', 'transfer', 'delete']));
    for (const words of Object.values(WORDNET_CLASSES)) expect([...new Set(words)].sort()).toEqual(words);
  });
});
