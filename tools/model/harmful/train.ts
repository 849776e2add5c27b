// `npm run train:harmful` (tsx tools/model/harmful/train.ts): trains the harmful-content head and writes
// models/harmful-v1.bin + .json. Training data: the TRAIN part of harmful.jsonl (the data README's sha1 split)
// against the benign rows of train.jsonl + extra-train.jsonl and the train part of the hard negatives written
// here; a further 10% of those train rows (a second hash) is held back for calibration and the threshold, so
// dev.jsonl / extra-dev.jsonl and the dev part of harmful.jsonl are never trained or tuned on — they only
// report. The out-of-family table retrains the input head once per source family without it and scores that
// family. Deterministic: a seeded PRNG, fixed iteration order, float64 accumulation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fitPlatt, type Platt, applyPlatt } from '../../../src/model/calibrate.js';
import { thresholdFor, rateAt } from '../../eval/dev-metrics.js';
import { extractFeatures, newFeatureSink, type FeatureSettings } from '../../../src/model/features.js';
import {
  trainLogistic,
  type Doc,
  type Example,
  type LinearHead,
  type LogisticOptions,
} from '../../../src/model/logistic.js';
import { mulberry32, type Prng } from '../../../src/model/prng.js';
import { encodeWeights, sha256 } from '../../../src/model/weights-format.js';
import {
  bucket,
  complyAnswer,
  frame,
  harmFamily,
  isExcluded,
  readJsonl,
  hardNegatives,
  lookAlikeTrainingRows,
  refuseAnswer,
  splitOf,
  type HarmRow,
} from './data.js';
import {
  bestWindow,
  createHarmModel,
  windowStarts,
  type HarmManifest,
  type HarmModel,
} from '../../../src/model/harmful/model.js';
import {
  HARM_CATEGORIES,
  RULE_FEATURE_BITS,
  lexiconCategory,
  rowCategory,
  ruleFeatures,
  sourceHint,
  type HarmCategory,
} from '../../../src/model/harmful/taxonomy.js';

export interface HarmTrainOptions {
  harmfulPath: string;
  /** Benign training files (train.jsonl, extra-train.jsonl): only their benign rows are read. */
  benignTrainPaths: readonly string[];
  /** Benign report-only files (dev.jsonl, extra-dev.jsonl). */
  benignDevPaths: readonly string[];
  outDir?: string;
  features?: FeatureSettings & { categoryBits: number };
  windows?: { size: number; stride: number };
  logistic?: LogisticOptions;
  seed?: number;
  /** Calibration FPR target for the threshold (on held-back benign train rows incl. hard negatives). */
  targetFpr?: number;
  /** Retrain once per source family (the out-of-family table); off for quick runs. */
  outOfFamily?: boolean;
  log?: (line: string) => void;
}

export const HARM_FEATURES = { bits: 18, charMin: 2, charMax: 4, wordMax: 2, categoryBits: 16 } as const;
export const HARM_WINDOWS = { size: 1000, stride: 500 } as const;
const HARM_LOGISTIC: LogisticOptions = { epochs: 5, lr: 0.2, l2: 1e-6 };
/** Hard negatives are few (676 template rows against 20,000 benign ones): each counts this much in training. */
const HARD_WEIGHT = 4;
/** The threshold also keeps at most this FPR on the held-back look-alikes (harmless violent words, medical…). */
const LOOK_ALIKE_FPR = 0.02;
const MIN_CATEGORY_ROWS = 20;

interface Item {
  text: string;
  lang: string;
  source: string;
  y: 0 | 1;
  weight: number;
}

/** One feature pass per training window; examples point at whole docs. */
function build(
  items: readonly Item[],
  settings: FeatureSettings,
  windows: { size: number; stride: number },
  mask?: number,
  withRules = true,
): { docs: Doc[]; examples: Example[] } {
  const docs: Doc[] = [];
  const examples: Example[] = [];
  for (const it of items) {
    // Long rows: at most 4 windows, as the scanner reads them.
    const starts = windowStarts(it.text.length, windows.size, windows.stride).slice(0, 4);
    // Rule features of the whole text, as at inference (category heads take none).
    const rules = withRules ? ruleFeatures(it.text) : [];
    for (const s of starts) {
      const f = extractFeatures(it.text.slice(s, s + windows.size), settings);
      let buckets = f.buckets.slice(0, f.length);
      if (mask !== undefined) buckets = buckets.map((b) => b & mask);
      docs.push({ buckets, anchors: f.anchors.slice(0, f.length) });
      examples.push({
        doc: docs.length - 1,
        lo: 0,
        hi: f.length,
        rules,
        y: it.y,
        weight: it.weight / starts.length,
      });
    }
  }
  return { docs, examples };
}

function train(
  items: readonly Item[],
  settings: FeatureSettings,
  windows: { size: number; stride: number },
  opts: LogisticOptions,
  rng: Prng,
  bits = settings.bits,
): LinearHead {
  const mask = bits === settings.bits ? undefined : (1 << bits) - 1;
  const { docs, examples } = build(items, settings, windows, mask, mask === undefined);
  return trainLogistic(docs, examples, { bits, ruleBits: RULE_FEATURE_BITS }, rng, opts);
}

/**
 * Balances classes per language, then overall: harmful.jsonl holds 800 French requests but the benign data few
 * French questions, so without this the language itself reads as harmful. A language's positives are scaled
 * down to its negatives' weight (at most 4x down, so languages with no benign rows keep their recall).
 */
function balance(items: Item[]): Item[] {
  const w = new Map<string, { pos: number; neg: number }>();
  for (const it of items) {
    const e = w.get(it.lang) ?? { pos: 0, neg: 0 };
    if (it.y === 1) e.pos += it.weight;
    else e.neg += it.weight;
    w.set(it.lang, e);
  }
  const scaled = items.map((it) => {
    if (it.y === 0) return it;
    const e = w.get(it.lang)!;
    return { ...it, weight: it.weight * Math.max(0.25, Math.min(1, e.neg / e.pos)) };
  });
  return balanceOverall(scaled);
}

function balanceOverall(items: Item[]): Item[] {
  let pos = 0;
  let neg = 0;
  for (const it of items) {
    if (it.y === 1) pos += it.weight;
    else neg += it.weight;
  }
  const f = pos > 0 && neg > 0 ? neg / pos : 1;
  return items.map((it) => (it.y === 1 ? { ...it, weight: it.weight * f } : it));
}

const round = (x: number | null | undefined): number | null =>
  x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4;

export interface HarmData {
  harmTrain: HarmRow[];
  harmCal: HarmRow[];
  harmDev: HarmRow[];
  excluded: HarmRow[];
  benignTrain: HarmRow[];
  benignCal: HarmRow[];
  benignDev: HarmRow[];
  hardTrain: HarmRow[];
  hardCal: HarmRow[];
  hardDev: HarmRow[];
}

const CAL = (text: string): boolean => bucket(text, 'harm-cal') < 10;

export function loadHarmData(opts: HarmTrainOptions): HarmData {
  const harm = readJsonl(opts.harmfulPath).filter((r) => r.label === 'harmful');
  const excluded = harm.filter((r) => isExcluded(r.source));
  const kept = harm.filter((r) => !isExcluded(r.source));
  const harmTrainAll = kept.filter((r) => splitOf(r.text) === 'train');
  const benignTrainAll = opts.benignTrainPaths
    .flatMap((p) => readJsonl(p))
    .filter((r) => r.label === 'benign');
  const asRow = (h: { text: string; lang: string }, source: string): HarmRow => ({
    ...h,
    label: 'benign',
    source,
  });
  // Templated look-alikes train (minus the calibration slice); the hand-written ones are only scored.
  const hardTrainAll = lookAlikeTrainingRows().map((h) =>
    asRow(h, 'rampart/synthetic:harm-look-alike-template'),
  );
  const handWritten = hardNegatives().map((h) => asRow(h, 'rampart/synthetic:harm-look-alike'));
  return {
    harmTrain: harmTrainAll.filter((r) => !CAL(r.text)),
    harmCal: harmTrainAll.filter((r) => CAL(r.text)),
    harmDev: kept.filter((r) => splitOf(r.text) === 'dev'),
    excluded,
    benignTrain: benignTrainAll.filter((r) => !CAL(r.text)),
    benignCal: benignTrainAll.filter((r) => CAL(r.text)),
    benignDev: opts.benignDevPaths.flatMap((p) => readJsonl(p)).filter((r) => r.label === 'benign'),
    hardTrain: hardTrainAll.filter((r) => !CAL(r.text)),
    hardCal: hardTrainAll.filter((r) => CAL(r.text)),
    hardDev: handWritten,
  };
}

const asItem = (r: HarmRow, y: 0 | 1, weight = 1): Item => ({
  text: r.text,
  lang: r.lang,
  source: r.source,
  y,
  weight,
});

/** Every FRAME_EVERY-th short row is also trained wrapped in a framing (harmful and benign alike). */
const FRAME_EVERY = 3;

function inputItems(d: Pick<HarmData, 'harmTrain' | 'benignTrain' | 'hardTrain'>, seed: number): Item[] {
  const rng = mulberry32(seed);
  const framed = (rows: readonly HarmRow[], y: 0 | 1, weight: number): Item[] =>
    rows.flatMap((r, i) =>
      i % FRAME_EVERY === 0 && r.text.length < 400
        ? [{ ...asItem(r, y, weight), text: frame(r.text, r.lang, rng) }]
        : [],
    );
  return balance([
    ...d.harmTrain.map((r) => asItem(r, 1)),
    ...framed(d.harmTrain, 1, 1),
    ...d.benignTrain.map((r) => asItem(r, 0)),
    ...framed(d.benignTrain, 0, 1),
    ...d.hardTrain.map((r) => asItem(r, 0, HARD_WEIGHT)),
    ...framed(d.hardTrain, 0, HARD_WEIGHT),
  ]);
}

/** Output-head material for rows: compliant answers to harmful requests (1), refusals and benign answers (0). */
function answerItems(
  harm: readonly HarmRow[],
  benign: readonly HarmRow[],
  hard: readonly HarmRow[],
  rng: Prng,
): Item[] {
  const out: Item[] = [];
  for (const r of harm) {
    out.push({ ...asItem(r, 1), text: complyAnswer(r.text, r.lang, rng) });
    out.push({ ...asItem(r, 0), text: refuseAnswer(r.text, r.lang, rng) });
  }
  benign.forEach((r, i) => {
    // Every benign row once as a plain answer-like text, every third also answered with the step list.
    out.push(asItem(r, 0));
    if (i % 3 === 0 && r.text.length < 600)
      out.push({ ...asItem(r, 0), text: complyAnswer(r.text, r.lang, rng) });
  });
  for (const r of hard) out.push({ ...asItem(r, 0, HARD_WEIGHT), text: complyAnswer(r.text, r.lang, rng) });
  return balance(out);
}

const rawScore = (head: LinearHead, settings: FeatureSettings, windows: { size: number; stride: number }) => {
  const sink = newFeatureSink();
  return (text: string): number => bestWindow(text, head, settings, windows, sink, ruleFeatures(text)).logit;
};

interface Fitted {
  head: LinearHead;
  platt: Platt;
  threshold: number;
  score: (text: string) => number;
}

/** Trains a head, fits Platt on calibration texts and picks the threshold at targetFpr on their negatives. */
function fitHead(
  items: Item[],
  cal: ReadonlyArray<{ text: string; y: boolean; lookAlike?: boolean }>,
  settings: FeatureSettings,
  windows: { size: number; stride: number },
  opts: LogisticOptions,
  seed: number,
  targetFpr: number,
): Fitted {
  const head = train(items, settings, windows, opts, mulberry32(seed));
  const logitOf = rawScore(head, settings, windows);
  const z = cal.map((c) => logitOf(c.text));
  const labels = cal.map((c) => c.y);
  const platt = fitPlatt(z, labels);
  const probs = z.map((v) => applyPlatt(platt, v));
  // targetFpr on the held-back rows, and LOOK_ALIKE_FPR on the held-back look-alikes alone (few among
  // thousands of benign rows, they would not move a pooled threshold).
  const plain = cal.map((_, i) => i).filter((i) => cal[i]!.lookAlike !== true);
  const alike = cal.map((_, i) => i).filter((i) => cal[i]!.lookAlike === true);
  let threshold = thresholdFor(
    plain.map((i) => probs[i]!),
    plain.map((i) => labels[i]!),
    targetFpr,
  );
  if (alike.length > 0) {
    const harm = plain.filter((i) => labels[i]!);
    const t2 = thresholdFor(
      [...harm, ...alike].map((i) => probs[i]!),
      [...harm, ...alike].map((i) => labels[i]!),
      LOOK_ALIKE_FPR,
    );
    threshold = Math.max(threshold, t2);
  }
  return { head, platt, threshold, score: (t) => applyPlatt(platt, logitOf(t)) };
}

const langGroup = (lang: string): string => lang;

function perGroup(
  rows: readonly HarmRow[],
  scores: readonly number[],
  thr: number,
  key: (r: HarmRow) => string,
) {
  const g = new Map<string, { n: number; hit: number }>();
  rows.forEach((r, i) => {
    const k = key(r);
    const e = g.get(k) ?? { n: 0, hit: 0 };
    e.n++;
    if (scores[i]! >= thr) e.hit++;
    g.set(k, e);
  });
  return Object.fromEntries(
    [...g].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, { n: e.n, rate: round(e.hit / e.n) }]),
  );
}

function recallAt2(
  posScores: readonly number[],
  negScores: readonly number[],
): { recall: number | null; threshold: number } {
  const scores = [...posScores, ...negScores];
  const labels = [...posScores.map(() => true), ...negScores.map(() => false)];
  const thr = thresholdFor(scores, labels, 0.02);
  return { recall: round(rateAt(scores, labels, thr).recall), threshold: round(thr) ?? 1 };
}

export interface HarmTrainResult {
  manifest: HarmManifest;
  bytes: Uint8Array;
  model: HarmModel;
}

export function trainHarmful(opts: HarmTrainOptions): HarmTrainResult {
  const settings = opts.features ?? HARM_FEATURES;
  const windows = opts.windows ?? HARM_WINDOWS;
  const lopts = opts.logistic ?? HARM_LOGISTIC;
  const seed = opts.seed ?? 17;
  const targetFpr = opts.targetFpr ?? 0.01;
  const log = opts.log ?? (() => {});
  const d = loadHarmData(opts);
  log(
    `harmful train ${d.harmTrain.length} cal ${d.harmCal.length} dev ${d.harmDev.length} (excluded ${d.excluded.length}); benign train ${d.benignTrain.length} cal ${d.benignCal.length} dev ${d.benignDev.length}; look-alikes ${d.hardTrain.length}/${d.hardCal.length}/${d.hardDev.length}`,
  );

  // Input head.
  const calInput = [
    ...d.harmCal.map((r) => ({ text: r.text, y: true })),
    ...d.benignCal.map((r) => ({ text: r.text, y: false })),
    ...d.hardCal.map((r) => ({ text: r.text, y: false, lookAlike: true })),
  ];
  const input = fitHead(inputItems(d, seed + 5), calInput, settings, windows, lopts, seed, targetFpr);
  log(`input head: threshold ${input.threshold.toFixed(4)}`);

  // Output head (synthetic answers; calibration answers built from the calibration rows).
  const answerRng = mulberry32(seed + 1);
  const outItems = answerItems(d.harmTrain, d.benignTrain, d.hardTrain, answerRng);
  const calAnswers = answerItems(d.harmCal, d.benignCal, d.hardCal, mulberry32(seed + 2)).map((it) => ({
    text: it.text,
    y: it.y === 1,
  }));
  const output = fitHead(outItems, calAnswers, settings, windows, lopts, seed + 3, targetFpr);
  log(`output head: threshold ${output.threshold.toFixed(4)}`);

  // Category heads: one-vs-rest over the rule's labels (harmful train rows with a named category).
  const labelled = d.harmTrain
    .map((r) => ({ r, c: rowCategory(r.text, r.source) }))
    .filter((x) => x.c !== 'unspecified');
  const counts = new Map<HarmCategory, number>();
  for (const x of labelled) counts.set(x.c as HarmCategory, (counts.get(x.c as HarmCategory) ?? 0) + 1);
  const categories = HARM_CATEGORIES.filter((c) => (counts.get(c) ?? 0) >= MIN_CATEGORY_ROWS);
  const catHeads = categories.map((c, i) =>
    train(
      balance(labelled.map((x) => asItem(x.r, x.c === c ? 1 : 0))),
      settings,
      windows,
      { ...lopts, epochs: 3 },
      mulberry32(seed + 10 + i),
      settings.categoryBits,
    ),
  );
  log(`category heads: ${categories.join(', ')}`);

  // Reports (dev and held-out rows only).
  const devScores = d.harmDev.map((r) => input.score(r.text));
  const benignDevScores = d.benignDev.map((r) => input.score(r.text));
  const hardDevScores = d.hardDev.map((r) => input.score(r.text));
  const excludedScores = d.excluded.map((r) => input.score(r.text));
  const negDev = [...benignDevScores, ...hardDevScores];
  const rate = (s: readonly number[], thr: number) =>
    round(s.filter((x) => x >= thr).length / Math.max(1, s.length));
  const inputReport = {
    threshold: round(input.threshold),
    dev: {
      harmfulRows: d.harmDev.length,
      recall: rate(devScores, input.threshold),
      recallByLang: perGroup(d.harmDev, devScores, input.threshold, (r) => langGroup(r.lang)),
      recallByFamily: perGroup(d.harmDev, devScores, input.threshold, (r) => harmFamily(r.source)),
      benignRows: d.benignDev.length,
      fprBenign: rate(benignDevScores, input.threshold),
      lookAlikeRows: d.hardDev.length,
      /** The hand-written look-alikes (never trained on). */
      fprLookAlikes: rate(hardDevScores, input.threshold),
      lookAlikesFlagged: d.hardDev.filter((_, i) => hardDevScores[i]! >= input.threshold).map((r) => r.text),
      recallAt2PctFpr: recallAt2(devScores, negDev),
    },
    excludedSourcesFlagged: rate(excludedScores, input.threshold),
  };
  log(`input dev: ${JSON.stringify(inputReport.dev)}`);

  const devAnswers = answerItems(d.harmDev, d.benignDev.slice(0, 3000), d.hardDev, mulberry32(seed + 4));
  const ansScores = devAnswers.map((it) => output.score(it.text));
  const outputReport = {
    threshold: round(output.threshold),
    dev: {
      compliantHarmfulFlagged: rate(
        ansScores.filter((_, i) => devAnswers[i]!.y === 1),
        output.threshold,
      ),
      negativesFlagged: rate(
        ansScores.filter((_, i) => devAnswers[i]!.y === 0),
        output.threshold,
      ),
      refusalsFlagged: rate(
        d.harmDev.map((r, i) => output.score(refuseAnswer(r.text, r.lang, mulberry32(seed + 100 + i)))),
        output.threshold,
      ),
    },
  };
  log(`output dev: ${JSON.stringify(outputReport.dev)}`);

  // Category rule statistics over all kept harmful rows, and how often the category heads agree with the
  // lexicon on dev rows the lexicon labels.
  const kept = [...d.harmTrain, ...d.harmCal, ...d.harmDev];
  const by = { lexicon: 0, sourceHint: 0, unspecified: 0 };
  const perCategory: Record<string, number> = {};
  for (const r of kept) {
    const lex = lexiconCategory(r.text);
    const c = rowCategory(r.text, r.source);
    if (lex !== undefined) by.lexicon++;
    else if (sourceHint(r.source) !== undefined) by.sourceHint++;
    else by.unspecified++;
    perCategory[c] = (perCategory[c] ?? 0) + 1;
  }

  // Out-of-family: the input head trained without one family, scored on that family's rows.
  const oof: Record<string, unknown> = {};
  // Every harmful row scored by the fold that left its family out, at that fold's threshold: recall per category.
  const oofByCategory = new Map<string, { n: number; hit: number }>();
  if (opts.outOfFamily !== false) {
    const families = [...new Set(kept.map((r) => harmFamily(r.source)))].sort();
    for (const [fi, fam] of families.entries()) {
      const without = (rows: readonly HarmRow[]) => rows.filter((r) => harmFamily(r.source) !== fam);
      const cal = [
        ...without(d.harmCal).map((r) => ({ text: r.text, y: true })),
        ...d.benignCal.map((r) => ({ text: r.text, y: false })),
        ...d.hardCal.map((r) => ({ text: r.text, y: false, lookAlike: true })),
      ];
      const f = fitHead(
        inputItems(
          { harmTrain: without(d.harmTrain), benignTrain: d.benignTrain, hardTrain: d.hardTrain },
          seed + 5,
        ),
        cal,
        settings,
        windows,
        lopts,
        seed + 50 + fi,
        targetFpr,
      );
      const rows = kept.filter((r) => harmFamily(r.source) === fam);
      const s = rows.map((r) => f.score(r.text));
      const neg = [...d.benignDev, ...d.hardDev].map((r) => f.score(r.text));
      rows.forEach((r, i) => {
        const c = rowCategory(r.text, r.source);
        const e = oofByCategory.get(c) ?? { n: 0, hit: 0 };
        e.n++;
        if (s[i]! >= f.threshold) e.hit++;
        oofByCategory.set(c, e);
      });
      oof[fam] = {
        rows: rows.length,
        recallAtShippedRule: rate(s, f.threshold),
        fprDevAtShippedRule: rate(neg, f.threshold),
        recallAt2PctFprDev: recallAt2(s, neg).recall,
        recallByLang: perGroup(rows, s, f.threshold, (r) => r.lang),
      };
      log(`out-of-family ${fam}: ${JSON.stringify(oof[fam])}`);
    }
  }

  const tensors = [
    { name: 'input', dtype: 'f16' as const, data: input.head.w },
    { name: 'output', dtype: 'f16' as const, data: output.head.w },
    { name: 'input.rules', dtype: 'f32' as const, data: input.head.r },
    { name: 'output.rules', dtype: 'f32' as const, data: output.head.r },
    ...categories.map((c, i) => ({ name: `cat.${c}`, dtype: 'f16' as const, data: catHeads[i]!.w })),
    {
      name: 'bias',
      dtype: 'f32' as const,
      data: Float32Array.from([input.head.bias, output.head.bias, ...catHeads.map((h) => h.bias)]),
    },
  ];
  const bytes = encodeWeights(tensors);
  const rule = `calibrated probability at ${targetFpr * 100}% FPR on held-back benign train rows and ${LOOK_ALIKE_FPR * 100}% on held-back look-alike rows, the stricter (10% of train by sha1('harm-cal' + text))`;
  const manifest: HarmManifest = {
    name: 'harmful',
    version: '1',
    weights: { file: 'harmful-v1.bin', sha256: sha256(bytes), bytes: bytes.length },
    features: { ...settings },
    windows: { ...windows },
    heads: {
      input: {
        calibration: { method: 'platt', ...input.platt },
        threshold: input.threshold,
        thresholdRule: rule,
      },
      output: {
        calibration: { method: 'platt', ...output.platt },
        threshold: output.threshold,
        thresholdRule: rule,
      },
    },
    categories: [...categories],
    training: {
      seed,
      logistic: lopts,
      rows: {
        harmfulTrain: d.harmTrain.length,
        harmfulCalibration: d.harmCal.length,
        benignTrain: d.benignTrain.length,
        benignCalibration: d.benignCal.length,
        lookAlikesTrain: d.hardTrain.length,
      },
      excludedSources: ['donotanswer/misinformation_harms', 'donotanswer/human_chatbox'],
      categoryRule: { ...by, perCategory },
    },
    metrics: {
      input: inputReport,
      output: outputReport,
      outOfFamily: oof,
      ...(oofByCategory.size > 0
        ? {
            outOfFamilyByCategory: Object.fromEntries(
              [...oofByCategory]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, e]) => [k, { n: e.n, recall: round(e.hit / e.n) }]),
            ),
          }
        : {}),
    },
  };
  const model = createHarmModel(manifest, {
    input: { w: input.head.w, bias: input.head.bias, r: input.head.r },
    output: { w: output.head.w, bias: output.head.bias, r: output.head.r },
    categories: catHeads.map((h) => ({ w: h.w, bias: h.bias })),
  });
  if (opts.outDir !== undefined) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, 'harmful-v1.bin'), bytes);
    writeFileSync(join(opts.outDir, 'harmful-v1.json'), JSON.stringify(manifest, null, 2) + '\n');
  }
  return { manifest, bytes, model };
}

function main(): void {
  const root = resolve(import.meta.dirname, '..', '..', '..');
  const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, '..', 'shared', 'data'), 'injection');
  const t0 = performance.now();
  const r = trainHarmful({
    harmfulPath: join(dataDir, 'harmful.jsonl'),
    benignTrainPaths: [join(dataDir, 'train.jsonl'), join(dataDir, 'extra-train.jsonl')],
    benignDevPaths: [join(dataDir, 'dev.jsonl'), join(dataDir, 'extra-dev.jsonl')],
    outDir: join(root, 'models'),
    // The out-of-family table retrains the input head once per family: opt-in, it triples the time.
    outOfFamily: process.argv.includes('--oof'),
    log: (l) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${l}`),
  });
  console.log(`weights ${r.manifest.weights.bytes} bytes, sha256 ${r.manifest.weights.sha256}`);
  console.log(`training took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
