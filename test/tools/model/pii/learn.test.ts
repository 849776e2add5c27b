import { describe, expect, it } from 'vitest';
import {
  TRAIN_TEMPLATES,
  compileLexicon,
  generate,
  type Example,
} from '../../../../tools/model/pii/generate.js';
import {
  UNLABELED,
  goldTags,
  predictor,
  scoreSpans,
  trainTagger,
} from '../../../../tools/model/pii/learn.js';
import { DEFAULT_SCORING } from '../../../../tools/model/pii/oof.js';
import { lexiconFrom, tokenize } from '../../../../src/scanners/pii/tagger.js';

const ex = (text: string, spans: Example['spans']): Example => ({
  text,
  spans,
  locale: 'en',
  template: 'test',
});

describe('pii tagger training: gold tags', () => {
  it('gives B/I tags to the tokens that start inside a gold span, O elsewhere', () => {
    const e = ex('Dear Anna Berg, see 12 High Street.\nBob', [
      { kind: 'PER', start: 5, end: 14 },
      { kind: 'ADR', start: 20, end: 34 },
      { kind: 'PER', start: 36, end: 39 },
    ]);
    const tokens = tokenize(e.text);
    expect(tokens.text).toEqual([
      'Dear',
      'Anna',
      'Berg',
      ',',
      'see',
      '12',
      'High',
      'Street',
      '.',
      '\n',
      'Bob',
    ]);
    expect([...goldTags(e, tokens)]).toEqual([0, 1, 2, 0, 0, 3, 4, 4, 0, 0, 1]);
  });

  it('two adjacent names each begin with B; a span ending inside a token still tags it', () => {
    const e = ex('Anna Bob Carla', [
      { kind: 'PER', start: 0, end: 4 },
      { kind: 'PER', start: 5, end: 7 },
    ]);
    expect([...goldTags(e, tokenize(e.text))]).toEqual([1, 1, 0]);
    expect([...goldTags(ex('no names here', []), tokenize('no names here'))]).toEqual([0, 0, 0]);
  });
});

describe('pii tagger training: unlabeled stretches', () => {
  it('tokens starting inside an unlabeled stretch get no gold tag', () => {
    const e: Example = { ...ex('Dear Abraham Lincoln, Female rows', []), unlabeled: [{ start: 5, end: 20 }] };
    expect([...goldTags(e, tokenize(e.text))]).toEqual([0, UNLABELED, UNLABELED, 0, 0, 0]);
  });

  it('training on unlabeled tokens alone changes no weight; labelled O tokens do', () => {
    const lexicon = lexiconFrom({ first: ['abraham'], last: ['lincoln'] });
    const o = { bits: 10, epochs: 2, seed: 1, dropout: 0 };
    const text = 'Abraham Lincoln Abraham Lincoln';
    const unlabeled = trainTagger(
      [{ ...ex(text, []), unlabeled: [{ start: 0, end: text.length }] }],
      lexicon,
      o,
    );
    expect(unlabeled.weights.every((w) => w === 0)).toBe(true);
    // The same text as a name (gold) does move weights: the unlabeled case is not a no-op by accident.
    const named = trainTagger([ex(text, [{ kind: 'PER', start: 0, end: 15 }])], lexicon, o);
    expect(named.weights.some((w) => w !== 0)).toBe(true);
  });
});

describe('pii tagger training: trainTagger', () => {
  const locales = ['en', 'de', 'fr'];
  const lexicon = lexiconFrom(compileLexicon(locales));
  const train = generate(300, locales, TRAIN_TEMPLATES, 3);
  const options = { bits: 13, epochs: 3, seed: 1, dropout: 0.3 };

  it('is deterministic for a seed, and another seed visits in another order', () => {
    const a = trainTagger(train, lexicon, options);
    const b = trainTagger(train, lexicon, options);
    expect(Buffer.from(b.weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(true);
    expect(a.weights).toHaveLength((1 << 13) * 5);
    expect(a.bits).toBe(13);
    expect(a.lexicon).toBe(lexicon);
    const c = trainTagger(train, lexicon, { ...options, seed: 2 });
    expect(Buffer.from(c.weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(false);
  });

  it('learns: finds most names and addresses in unseen sentences, where an untrained model finds none', () => {
    const test = generate(120, locales, TRAIN_TEMPLATES, 99);
    const trained = scoreSpans(test, predictor(trainTagger(train, lexicon, options), DEFAULT_SCORING));
    const untrained = scoreSpans(test, predictor(trainTagger([], lexicon, options), DEFAULT_SCORING));
    expect(trained.PER.gold).toBeGreaterThan(50);
    expect(trained.ADR.gold).toBeGreaterThan(50);
    expect(trained.PER.recall).toBeGreaterThanOrEqual(0.7);
    expect(trained.PER.precision).toBeGreaterThanOrEqual(0.9);
    expect(trained.ADR.recall).toBeGreaterThanOrEqual(0.8);
    expect(trained.ADR.precision).toBeGreaterThanOrEqual(0.9);
    expect(untrained.PER.predicted + untrained.ADR.predicted).toBe(0);
    expect(untrained.PER.recall).toBe(0);
  });
});

describe('pii tagger training: scoreSpans', () => {
  it('counts overlaps per kind: predictions for precision, gold spans for recall', () => {
    const examples = [
      ex('aaaa bbbb cccc dddd', [
        { kind: 'PER', start: 0, end: 4 },
        { kind: 'ADR', start: 5, end: 9 },
        { kind: 'PER', start: 10, end: 14 },
      ]),
      ex('nothing', []),
    ];
    const seen: string[] = [];
    const s = scoreSpans(examples, (text) => {
      seen.push(text);
      if (text === 'nothing') return [{ kind: 'ADR', start: 0, end: 3 }];
      return [
        { kind: 'PER', start: 0, end: 2 }, // both hit the first name
        { kind: 'PER', start: 2, end: 4 },
        { kind: 'PER', start: 6, end: 8 }, // inside the address: wrong kind
        { kind: 'ADR', start: 9, end: 10 }, // touches the address end: no overlap
      ];
    });
    expect(seen).toEqual(['aaaa bbbb cccc dddd', 'nothing']);
    expect(s.PER).toEqual({
      gold: 2,
      predicted: 3,
      truePositives: 2,
      matchedGold: 1,
      precision: 2 / 3,
      recall: 1 / 2,
    });
    expect(s.ADR).toEqual({
      gold: 1,
      predicted: 2,
      truePositives: 0,
      matchedGold: 0,
      precision: 0,
      recall: 0,
    });
  });

  it('with nothing to find and nothing found, precision and recall are 1', () => {
    const s = scoreSpans([ex('plain text', [])], () => []);
    expect(s.PER).toEqual({
      gold: 0,
      predicted: 0,
      truePositives: 0,
      matchedGold: 0,
      precision: 1,
      recall: 1,
    });
    expect(s.ADR.precision).toBe(1);
  });
});
