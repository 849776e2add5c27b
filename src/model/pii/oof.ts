// Out-of-family evaluation of the PII token tagger: a model trained on TRAIN locales × TRAIN templates,
// with a lexicon compiled from TRAIN locales only, scored on HELDOUT locales × HELDOUT templates — names
// of other origins, other address formats, and carrier sentences it never saw. The shipped model is
// scored on the same sentences (it saw those locales' lexicon and names, never those templates).
import { existsSync, readFileSync } from 'node:fs';
import { fnv, lexiconFrom, type TaggerModel } from '../../scanners/pii/tagger.js';
import {
  type Example,
  HELDOUT_LOCALES,
  HELDOUT_TEMPLATES,
  TRAIN_LOCALES,
  TRAIN_TEMPLATES,
  compileLexicon,
  generate,
} from './generate.js';
import { type KindScore, scoreSpans, predictor, trainTagger } from './learn.js';

export const TAGGER_BITS = 17;
export const TAGGER_EPOCHS = 6;
export const TAGGER_DROPOUT = 0.3;
/** Default score mapping: spans whose smallest token margin is below `floor` are dropped. */
export const DEFAULT_SCORING = { floor: 2, base: 0.55, slope: 0.02 };

const BENIGN_SOURCES = /fastify|zod|hono|tldr-pages|Codegen/;

/**
 * Real text with no personal data to speak of (library docs, command pages, code answers from the shared
 * injection training set), cut into short pieces: the tagger's negatives for capitalised non-names.
 * Returns [] where the shared data is absent.
 */
export function benignSnippets(path: string, max: number): Example[] {
  if (!existsSync(path)) return [];
  const out: Example[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (out.length >= max) break;
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { text: string; label: string; source: string; lang?: string };
    if (row.label !== 'benign' || !BENIGN_SOURCES.test(row.source)) continue;
    if (row.lang !== undefined && !['en', 'de', 'fr', 'es', 'it', 'pt', 'nl'].includes(row.lang)) continue;
    for (let i = 0; i < row.text.length && out.length < max; i += 400)
      out.push({ text: row.text.slice(i, i + 400), spans: [], locale: 'real', template: 'benign-docs' });
  }
  return out;
}

export const SHARED_INJECTION_TRAIN = new URL(
  '../../../../shared/data/injection/train.jsonl',
  import.meta.url,
).pathname;

export interface OofReport {
  trainExamples: number;
  testExamples: number;
  heldOutLocales: readonly string[];
  heldOutTemplates: number;
  outOfFamily: Record<'PER' | 'ADR', KindScore>;
  shipped?: Record<'PER' | 'ADR', KindScore>;
}

/** Share (of 100) of first and last names the lexicon keeps while training (chosen by word hash). */
export const TRAIN_LEXICON_KEEP = 50;

/**
 * The lexicon the tagger trains with: half the names hidden, so that half the training names are words it
 * has never seen in a list — as every name of an origin the lists lack will be. The full lexicon ships.
 */
export function trainingLexicon(full: ReturnType<typeof compileLexicon>): ReturnType<typeof compileLexicon> {
  const keep = (w: string): boolean => fnv(w, 0x2f1) % 100 < TRAIN_LEXICON_KEEP;
  return { ...full, first: full.first.filter(keep), last: full.last.filter(keep) };
}

/** Trains on `locales` × TRAIN templates (plus benign text); the returned model carries the full lexicon. */
export function trainFamily(
  n: number,
  seed: number,
  locales: readonly string[],
  benign: readonly Example[],
): TaggerModel {
  const full = compileLexicon(locales);
  const examples = [...generate(n, locales, TRAIN_TEMPLATES, seed), ...benign];
  const model = trainTagger(examples, lexiconFrom(trainingLexicon(full)), {
    bits: TAGGER_BITS,
    epochs: TAGGER_EPOCHS,
    seed,
    dropout: TAGGER_DROPOUT,
  });
  return { ...model, lexicon: lexiconFrom(full) };
}

export function trainOutOfFamily(n: number, seed: number, benign: readonly Example[]): TaggerModel {
  return trainFamily(n, seed, TRAIN_LOCALES, benign);
}

export function heldOutSample(n: number, seed: number): Example[] {
  return generate(n, HELDOUT_LOCALES, HELDOUT_TEMPLATES, seed);
}

export function outOfFamily(
  options: { trainN?: number; testN?: number; seed?: number; shipped?: TaggerModel; benign?: Example[] } = {},
): OofReport {
  const seed = options.seed ?? 17;
  const benign = options.benign ?? benignSnippets(SHARED_INJECTION_TRAIN, 3000);
  const model = trainOutOfFamily(options.trainN ?? 12_000, seed, benign);
  const test = heldOutSample(options.testN ?? 2_000, seed + 1);
  return {
    trainExamples: (options.trainN ?? 12_000) + benign.length,
    testExamples: test.length,
    heldOutLocales: HELDOUT_LOCALES,
    heldOutTemplates: new Set(test.map((e) => e.template)).size,
    outOfFamily: scoreSpans(test, predictor(model, DEFAULT_SCORING)),
    ...(options.shipped ? { shipped: scoreSpans(test, predictor(options.shipped, DEFAULT_SCORING)) } : {}),
  };
}
