// Out-of-family evaluation of the PII token tagger: a model trained on TRAIN locales × TRAIN templates,
// with a lexicon compiled from TRAIN locales only, scored on HELDOUT locales × HELDOUT templates — names
// of other origins, other address formats, and carrier sentences it never saw. The shipped model is
// scored on the same sentences (it saw those locales' lexicon and names, never those templates).
import { existsSync, readFileSync } from 'node:fs';
import {
  type LoadedTagger,
  type TaggerModel,
  detectTagged,
  fnv,
  lexiconFrom,
} from '../../../src/scanners/pii/tagger.js';
import {
  type Example,
  HELDOUT_LOCALES,
  calendarWords,
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
export const TAGGER_CONTEXT_DROPOUT = 0.5;
/**
 * Default score mapping: person spans whose smallest token margin is below `floor` are dropped; address spans
 * need only `addressFloor` (an address must also pass the shape checks of detectTagged).
 */
export const DEFAULT_SCORING = { floor: 2, addressFloor: 0, base: 0.55, slope: 0.02 };

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
export const SHARED_EXTRA_TRAIN = new URL(
  '../../../../shared/data/injection/extra-train.jsonl',
  import.meta.url,
).pathname;
/** The benign training rows the tagger learns from (train splits only; dev is for measuring). */
export const SHARED_TRAIN_PATHS: readonly string[] = [SHARED_INJECTION_TRAIN, SHARED_EXTRA_TRAIN];

interface Row {
  text: string;
  label: string;
  source: string;
  lang?: string;
}

function* benignRows(paths: readonly string[]): Generator<Row> {
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Row;
      if (row.label === 'benign') yield row;
    }
  }
}

const LOWER_WORD = /(?<![\p{L}\p{M}'’-])[\p{Ll}][\p{Ll}\p{M}'’-]{1,29}(?![\p{L}\p{M}])/gu;
const LEXICON_WORD = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}'’-]{2,30}$/u;

/** A capitalised word after a lower-case word or a comma: in German text, mostly a noun. */
const MID_CAPITAL = /(?<=[\p{Ll},] )\p{Lu}\p{Ll}[\p{Ll}\p{M}]{1,28}(?![\p{L}\p{M}])/gu;

/**
 * Words written in lower case at least `min` times in the benign training rows, and German nouns (capitalised
 * inside a sentence of a German row at least `min` times): the `common` class.
 */
export function commonWords(paths: readonly string[] = SHARED_TRAIN_PATHS, min = 3): string[] {
  const counts = new Map<string, number>();
  const add = (w: string): void => void counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const row of benignRows(paths)) {
    for (const m of row.text.matchAll(LOWER_WORD)) add(m[0]);
    if (row.lang === 'de') for (const m of row.text.matchAll(MID_CAPITAL)) add(m[0].toLowerCase());
  }
  return [...counts]
    .filter(([w, c]) => c >= min && LEXICON_WORD.test(w))
    .map(([w]) => w)
    .sort();
}

const CAPITALISED = /[\p{Lu}][\p{L}\p{M}'’-]*/gu;

/**
 * Real benign text of every kind (chat requests, QA passages, news sentences, code, command pages, e-mails)
 * from the training splits, every `step`-th row's first 800 characters in pieces of up to 400: negatives for
 * capitalised words that are not names ("Une IA sans règles", "Female", "Health"). Such text also names
 * real people ("Abraham Lincoln", "Damien Morton"), so only lower-case words and capitalised common words
 * that no name list holds are labelled O; every other capitalised word is left unlabeled (training neither
 * teaches it as a name nor as a non-name).
 */
export function realTextNegatives(
  paths: readonly string[],
  max: number,
  names: ReadonlySet<string>,
  commonSet: ReadonlySet<string>,
  step = 3,
): Example[] {
  const out: Example[] = [];
  let k = 0;
  for (const row of benignRows(paths)) {
    if (out.length >= max) break;
    if (k++ % step !== 0) continue;
    for (let i = 0; i < row.text.length && i < 800 && out.length < max; i += 400) {
      const text = row.text.slice(i, i + 400);
      const unlabeled: Array<{ start: number; end: number }> = [];
      for (const m of text.matchAll(CAPITALISED))
        if (names.has(m[0].toLowerCase()) || !commonSet.has(m[0].toLowerCase()))
          unlabeled.push({ start: m.index, end: m.index + m[0].length });
      out.push({ text, spans: [], unlabeled, locale: 'real', template: 'benign-text' });
    }
  }
  return out;
}

export const SHARED_DEV_PATHS: readonly string[] = [
  new URL('../../../../shared/data/injection/dev.jsonl', import.meta.url).pathname,
  new URL('../../../../shared/data/injection/extra-dev.jsonl', import.meta.url).pathname,
];

/**
 * Sources of the benign dev rows that hold (almost) no personal data: library docs, command pages, code
 * answers, assistant requests. The others are QA passages, news sentences, role-play prompts and real
 * e-mails, where famous, fictional and real senders' names are true names, not false flags.
 */
export const NAME_FREE_SOURCES = /^(?:colinhacks|fastify|honojs|tldr-pages|rampart|NVIDIA|clinc|mainlp)/;

export interface FlagCount {
  rows: number;
  person: number;
  address: number;
}
export interface BenignFlags {
  /** Every benign dev row. */
  all: FlagCount;
  /** Rows from NAME_FREE_SOURCES. */
  nameFree: FlagCount;
  bySource: Record<string, FlagCount>;
}

/**
 * Benign dev rows (never trained on) with a person finding from the tagger (names on), or a street address as
 * the default reports it (holding a digit).
 */
export function benignFlags(tagger: LoadedTagger, paths: readonly string[] = SHARED_DEV_PATHS): BenignFlags {
  const zero = (): FlagCount => ({ rows: 0, person: 0, address: 0 });
  const out: BenignFlags = { all: zero(), nameFree: zero(), bySource: {} };
  for (const row of benignRows(paths)) {
    const found = detectTagged(row.text, tagger);
    const person = found.some((d) => d.category === 'pii.person') ? 1 : 0;
    // As the default pii options report them: an address that holds a digit.
    const address = found.some(
      (d) => d.category === 'pii.address' && /\d/.test(row.text.slice(d.start, d.end)),
    )
      ? 1
      : 0;
    const source = row.source.split(/[:/]/)[0]!;
    const counts = [out.all, (out.bySource[source] ??= zero())];
    if (NAME_FREE_SOURCES.test(source)) counts.push(out.nameFree);
    for (const c of counts) {
      c.rows++;
      c.person += person;
      c.address += address;
    }
  }
  return out;
}

export interface OofReport {
  trainExamples: number;
  testExamples: number;
  heldOutLocales: readonly string[];
  heldOutTemplates: number;
  outOfFamily: Record<'PER' | 'ADR', KindScore>;
  shipped?: Record<'PER' | 'ADR', KindScore>;
  /** The shipped model on the benign dev rows (absent without a shipped model or the shared data). */
  benign?: BenignFlags;
}

/** Share (of 100) of first and last names the lexicon keeps while training (chosen by word hash). */
export const TRAIN_LEXICON_KEEP = 50;
/** Pieces of real benign training text added as negatives (realTextNegatives). */
export const REAL_NEGATIVES = 12_000;

export type TaggerWords = ReturnType<typeof compileLexicon> & { common: string[] };

let common: string[] | undefined;
/**
 * The tagger's lexicon: the locales' names and places; common words are those of the benign training rows
 * and the locales' weekday and month names.
 */
export function taggerLexicon(locales: readonly string[]): TaggerWords {
  common ??= commonWords();
  const dates = calendarWords(locales);
  return { ...compileLexicon(locales), common: [...new Set([...common, ...dates])].sort() };
}

/**
 * The lexicon the tagger trains with: half the names hidden, so that half the training names are words it
 * has never seen in a list — as every name of an origin the lists lack will be. The full lexicon ships.
 */
export function trainingLexicon<T extends ReturnType<typeof compileLexicon>>(full: T): T {
  const keep = (w: string): boolean => fnv(w, 0x2f1) % 100 < TRAIN_LEXICON_KEEP;
  return { ...full, first: full.first.filter(keep), last: full.last.filter(keep) };
}

/**
 * Trains on `locales` × TRAIN templates, plus `benign` examples and `real` pieces of real benign text (names
 * in it judged by those locales' lists only); the returned model carries the full lexicon.
 */
export function trainFamily(
  n: number,
  seed: number,
  locales: readonly string[],
  benign: readonly Example[],
  real = 0,
): TaggerModel {
  const full = taggerLexicon(locales);
  const names = new Set([...full.first, ...full.last]);
  const examples = [
    ...generate(n, locales, TRAIN_TEMPLATES, seed),
    ...benign,
    ...(real > 0 ? realTextNegatives(SHARED_TRAIN_PATHS, real, names, new Set(full.common)) : []),
  ];
  const model = trainTagger(examples, lexiconFrom(trainingLexicon(full)), {
    bits: TAGGER_BITS,
    epochs: TAGGER_EPOCHS,
    seed,
    dropout: TAGGER_DROPOUT,
    contextDropout: TAGGER_CONTEXT_DROPOUT,
  });
  return { ...model, lexicon: lexiconFrom(full) };
}

export function trainOutOfFamily(n: number, seed: number, benign: readonly Example[], real = 0): TaggerModel {
  return trainFamily(n, seed, TRAIN_LOCALES, benign, real);
}

export function heldOutSample(n: number, seed: number): Example[] {
  return generate(n, HELDOUT_LOCALES, HELDOUT_TEMPLATES, seed);
}

export function outOfFamily(
  options: {
    trainN?: number;
    testN?: number;
    seed?: number;
    shipped?: TaggerModel;
    benign?: Example[];
    real?: number;
  } = {},
): OofReport {
  const seed = options.seed ?? 17;
  const benign = options.benign ?? benignSnippets(SHARED_INJECTION_TRAIN, 3000);
  const model = trainOutOfFamily(options.trainN ?? 12_000, seed, benign, options.real ?? REAL_NEGATIVES);
  const test = heldOutSample(options.testN ?? 2_000, seed + 1);
  return {
    trainExamples: (options.trainN ?? 12_000) + benign.length,
    testExamples: test.length,
    heldOutLocales: HELDOUT_LOCALES,
    heldOutTemplates: new Set(test.map((e) => e.template)).size,
    outOfFamily: scoreSpans(test, predictor(model, DEFAULT_SCORING)),
    ...(options.shipped ? { shipped: scoreSpans(test, predictor(options.shipped, DEFAULT_SCORING)) } : {}),
    ...(options.shipped && SHARED_DEV_PATHS.some((p) => existsSync(p))
      ? { benign: benignFlags({ model: options.shipped, scoring: DEFAULT_SCORING }) }
      : {}),
  };
}
