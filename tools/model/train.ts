// The injection detector's trainer: trainModel fits both heads on the given training files (the shipped model:
// ../shared/data/injection/train.jsonl + extra-train.jsonl, see train-cli.ts), calibrates them, sets the
// thresholds it is given (out-of-family, oof.ts) or, without them, picks them on devPath, and encodes the
// weights. Deterministic: a seeded PRNG, fixed iteration order and float64 accumulation, so the same data gives
// the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fitPlatt } from '../../src/model/calibrate.js';
import { Corpus, canonical } from './corpus.js';
import {
  documentKind,
  isAttack,
  isEmailRow,
  isDocument,
  isEmbedded,
  isPlainInstruction,
  readRows,
  type Row,
} from './data.js';
import { base64Wrap, casing, homoglyphs, insertPayload, paraphrase, zeroWidth } from './augment.js';
import { agentAsk, readerRequest } from './agent-asks.js';
import {
  DEFAULT_LM,
  highCut,
  lmBuckets,
  fromLogCounts,
  lmEdges,
  lmStats,
  toLogCounts,
  trainCharLm,
  type CharLm,
  type LmEdges,
  type LmSettings,
  type LmStats,
} from '../../src/model/charlm.js';
import { extractGoals, generatedJailbreak, structuredDoc, vocabulary } from './generate.js';
import { EMAIL_PLACES, placeInEmail, READER_REQUESTS } from './email.js';
import { NEAR_MISS_LANGS, nearMiss } from './near-miss.js';
import { sentences } from '../../src/model/windows.js';
import { createDetector, type Detector, type HeadName } from '../../src/model/detector.js';
import { DEFAULT_FEATURES, type FeatureSettings } from '../../src/model/features.js';
import { fnv1a } from '../../src/model/hashing.js';
import {
  DEFAULT_LOGISTIC,
  logit,
  trainLogistic,
  type LinearHead,
  type LogisticOptions,
} from '../../src/model/logistic.js';
import { mulberry32 } from '../../src/model/prng.js';
import { TwinIndex } from './pairs.js';
import { RULE_BITS } from '../../src/model/rule-features.js';
import { encodeWeights, quantize, sha256, type Manifest } from '../../src/model/weights-format.js';
import { DEFAULT_WINDOWS, type WindowSettings } from '../../src/model/windows.js';
import { evaluateDev, thresholdFor, type DevReport } from '../eval/dev-metrics.js';

export interface TrainOptions {
  dataPath: string;
  /** More training files (rows appended to dataPath's, e.g. extra-train.jsonl). */
  extraDataPaths?: readonly string[];
  /** Dev rows for reported metrics (never trained on); threshold choice too when `thresholds` is not given. */
  devPath?: string;
  /** More dev files (e.g. extra-dev.jsonl), reported with devPath's rows. */
  extraDevPaths?: readonly string[];
  outDir: string;
  name?: string;
  features?: FeatureSettings;
  windows?: WindowSettings;
  logistic?: LogisticOptions;
  seed?: number;
  /** Injections generated into clean training documents. */
  augmentInsertions?: number;
  /** Obfuscated copies of training attacks. */
  augmentObfuscations?: number;
  /** Plain benign instructions as untrusted-head positives (data should never instruct). */
  instructionPositives?: boolean;
  /** Weight clean-document negatives by carrier kind, so rare kinds (library docs, e-mails) count (default true). */
  kindBalance?: boolean;
  /** Rounds of hard-negative mining for the untrusted head (default 1). */
  hardNegativeRounds?: number;
  /** Character LM of benign text as "unnatural text" features of the user head; false: none. */
  lm?: LmSettings | false;
  /** Generated jailbreaks (framed / adversarial-suffix / prefix-demand shapes, generate.ts). */
  augmentJailbreaks?: number;
  /** Generated benign structured documents (JSON, tables, logs, code), a third of them with a payload inside. */
  structuredDocs?: number;
  /** Generated benign near-misses: sentences about AI, rules and restrictions in eight languages (near-miss.ts). */
  nearMisses?: number;
  /** Paraphrased copies of English training attacks (synonym swaps within WordNet classes, dropped letters). */
  augmentParaphrases?: number;
  /**
   * Tool-actionable asks (agent-asks.ts) in generated structured documents: instructions to the agent
   * (positives) and the same actions asked of the human reader (negatives), each this many.
   */
  agentAsks?: number;
  /**
   * Thresholds chosen elsewhere (out-of-family predictions, oof.ts), or a function that computes them once the
   * weights are fitted (so the fold models can be trained meanwhile); dev is then only reported on.
   */
  thresholds?: Thresholds | (() => Promise<Thresholds>);
  /** Real e-mails (extra-train) as untrusted documents with injected twins and reader-directed variants (default true). */
  emailTwins?: boolean;
  /** Score untrusted text with the user head too (kept only if dev clean-document FPR stays in budget). */
  documentsBothHeads?: boolean;
  /** Rows whose source group is excluded from training (leave-one-source-out). */
  exclude?: (r: Row) => boolean;
  log?: (line: string) => void;
  /** Skip writing files (cross-validation). */
  dryRun?: boolean;
}

export interface Thresholds {
  user: number;
  untrusted: number;
  /** The user head also reads documents, at this threshold. */
  documentsUser?: number;
  rule: string;
}

export interface TrainResult {
  manifest: Manifest;
  bin: Uint8Array;
  detector: Detector;
  dev?: DevReport;
  stats: Record<string, number>;
}

/**
 * False-positive rate on dev clean documents the untrusted threshold is set for. The budget is 2% for
 * the whole default policy on every kind of document; the rules add their own few (0.5% alone), and kinds
 * differ (library docs, reader-directed imperatives), so the model takes 1.5% and leaves the rest as margin.
 */
const DOC_FPR = 0.015;

/** Rows held back from training for Platt scaling: a stable 10% by text hash. */
const isCalibration = (r: Row): boolean => fnv1a(r.text) % 10 === 0;

export async function trainModel(opts: TrainOptions): Promise<TrainResult> {
  const log = opts.log ?? ((): void => undefined);
  const features = opts.features ?? DEFAULT_FEATURES;
  const windows = opts.windows ?? DEFAULT_WINDOWS;
  const lopts = opts.logistic ?? DEFAULT_LOGISTIC;
  const seed = opts.seed ?? 20250501;
  const rng = mulberry32(seed);
  const dataFiles = [opts.dataPath, ...(opts.extraDataPaths ?? [])];
  const dataBytes = Buffer.concat(dataFiles.map((p) => readFileSync(p)));
  const all = dataFiles.flatMap((p) => readRows(p)).filter((r) => !(opts.exclude?.(r) ?? false));
  const fit = all.filter((r) => !isCalibration(r));
  const calib = all.filter(isCalibration);
  const stats: Record<string, number> = { rows: all.length, fitRows: fit.length, calibRows: calib.length };

  // Canonical texts once (the guard scores canonical text).
  const canon = new Map<Row, string>();
  for (const r of all) canon.set(r, canonical(r.text));
  const c = (r: Row): string => canon.get(r)!;
  const twins = new TwinIndex(all.filter((r) => isDocument(r) && !isAttack(r)).map(c));

  // Per-kind weight of clean-document negatives: sqrt(mean kind size / kind size), clamped to [1, 4].
  const kindCount = new Map<string, number>();
  for (const r of fit)
    if (isDocument(r) && !isAttack(r))
      kindCount.set(documentKind(r.source), (kindCount.get(documentKind(r.source)) ?? 0) + 1);
  const meanKind = [...kindCount.values()].reduce((a, b) => a + b, 0) / Math.max(1, kindCount.size);
  const negWeight = (r: Row): number =>
    opts.kindBalance === false
      ? 1
      : Math.min(4, Math.max(1, Math.sqrt(meanKind / (kindCount.get(documentKind(r.source)) ?? meanKind))));

  const corpus = new Corpus(features, windows);

  // "Unnatural text": character LMs of benign fit text. Two cross-fitted halves give every training text a
  // surprisal from an LM that never saw it (an LM scores its own training text too low, which would teach the
  // head "unfamiliar = attack"); the shipped LM is fitted on all benign fit text and quantized.
  const lmOpts = opts.lm === false ? undefined : (opts.lm ?? DEFAULT_LM);
  let shippedLm: CharLm | undefined;
  let edges: LmEdges | undefined;
  if (lmOpts !== undefined) {
    const half = (t: string): number => (fnv1a(t) >>> 5) & 1;
    const benign = fit.filter((r) => !isAttack(r)).map(c);
    const halves = [0, 1].map((k) =>
      trainCharLm(
        benign.filter((t) => half(t) === k),
        lmOpts,
      ),
    );
    const other = (t: string): CharLm => halves[1 - half(t)]!;
    const sample = benign.filter((_, i) => i % 4 === 0).map((t) => t.slice(0, windows.userWhole));
    const cutVals: number[] = [];
    for (const k of [0, 1]) {
      const own = sample.filter((t) => half(t) === k);
      cutVals.push(highCut(halves[1 - k]!, own) * own.length);
    }
    const high = (cutVals[0]! + cutVals[1]!) / Math.max(1, sample.length);
    const st: LmStats[] = [];
    for (const t of benign) {
      const w = t.slice(0, windows.userWhole);
      const x = lmStats(other(w), w, 0, w.length, high);
      if (x !== undefined) st.push(x);
    }
    edges = lmEdges(st, high);
    const full = trainCharLm(benign, lmOpts);
    // Shipped as float16 ln(1 + count): the model measured at training time is the one that loads.
    const q = (a: Float32Array): Float32Array => fromLogCounts(quantize(toLogCounts(a), 'f16'));
    shippedLm = {
      settings: lmOpts,
      ctxCount: q(full.ctxCount),
      ctxTypes: q(full.ctxTypes),
      joint: q(full.joint),
    };
    const e = edges;
    corpus.userExtra = (t) => lmBuckets(lmStats(other(t), t, 0, t.length, e.high), e, RULE_BITS);
    log(`character LM: edges ${JSON.stringify(edges)}`);
  }

  const payloads: string[] = [];
  const carriers: string[] = [];
  let recovered = 0;
  let embedded = 0;
  for (const r of fit) {
    const t = c(r);
    const y: 0 | 1 = isAttack(r) ? 1 : 0;
    corpus.addUser(t, y);
    if (isEmbedded(r)) {
      embedded++;
      const span = twins.find(t);
      if (span !== undefined) {
        recovered++;
        corpus.addDocument(t, span, 1, negWeight(r));
        const p = t.slice(span[0], span[1]).trim();
        if (p.length >= 8) payloads.push(p);
      }
    } else if (isDocument(r)) {
      corpus.addDocument(t, undefined, 1, negWeight(r));
      if (!r.source.includes('+benign-imperative')) carriers.push(t);
    } else if (y === 1) {
      corpus.addUntrustedWhole(t, 1);
      if (r.label === 'injection' && t.length <= 300) payloads.push(t);
    } else if (/\((answer|tool-result)\)$/u.test(r.source)) {
      corpus.addDocument(t, undefined, 1, 1);
    } else if (opts.instructionPositives === true && isPlainInstruction(r) && t.length <= 400) {
      corpus.addUntrustedWhole(t, 1, 0.5);
    }
  }
  stats.embeddedFit = embedded;
  stats.embeddedSpansRecovered = recovered;

  // Generated: injections inserted into clean training documents at random sentence boundaries.
  const nIns = Math.min(
    opts.augmentInsertions ?? 4000,
    carriers.length > 0 && payloads.length > 0 ? Infinity : 0,
  );
  for (let i = 0; i < nIns; i++) {
    const ins = insertPayload(rng.pick(carriers), rng.pick(payloads), rng);
    const t = canonical(ins.text);
    // Canonicalization may shift offsets; re-find the payload in canonical text.
    const p = canonical(ins.text.slice(ins.span[0], ins.span[1]));
    const at = t.indexOf(p);
    corpus.addDocument(t, at >= 0 ? [at, at + p.length] : undefined, 1, 1);
    corpus.addUser(t, 1, 0.5);
  }
  stats.generatedInsertions = nIns;
  // Generated: obfuscated copies of training attacks.
  const attacks = fit.filter((r) => isAttack(r) && !isEmbedded(r) && r.text.length <= 1500);
  const nObf = attacks.length > 0 ? (opts.augmentObfuscations ?? 800) : 0;
  const obf = [homoglyphs, zeroWidth, casing, base64Wrap] as const;
  for (let i = 0; i < nObf; i++)
    corpus.addUser(canonical(obf[i % obf.length]!(rng.pick(attacks).text, rng)), 1, 0.5);
  stats.generatedObfuscations = nObf;
  // Generated: paraphrased English attacks (own PRNG stream): synonym swaps and dropped letters.
  const prng = mulberry32(seed ^ 0x1f83d9ab);
  const english = attacks.filter((r) => r.lang === 'en');
  const nPara = english.length > 0 ? (opts.augmentParaphrases ?? 2000) : 0;
  for (let i = 0; i < nPara; i++)
    corpus.addUser(canonical(paraphrase(prng.pick(english).text, prng)), 1, 0.5);
  stats.generatedParaphrases = nPara;

  // Generated jailbreaks (own PRNG stream, so the other generators' draws do not move).
  const jrng = mulberry32(seed ^ 0x6a09e667);
  const goals = extractGoals(fit.filter(isAttack).map((r) => r.text));
  const words = vocabulary(fit.filter((r) => !isAttack(r) && r.lang === 'en').map((r) => r.text));
  const requests = fit.filter((r) => isPlainInstruction(r) && r.text.length <= 300).map((r) => r.text);
  const nJb = opts.augmentJailbreaks ?? 4000;
  for (let i = 0; i < nJb; i++)
    corpus.addUser(canonical(generatedJailbreak(goals, words, requests, jrng).text), 1, 0.5);
  stats.generatedJailbreaks = nJb;
  stats.jailbreakGoalsFromTrain = goals.length;

  // Generated benign structured documents; every third also with a training payload inside a field, a log line,
  // a table row or a code comment.
  const srng = mulberry32(seed ^ 0x3c6ef372);
  const notes: string[] = [];
  for (const t of carriers.slice(0, 3000))
    for (const [a, b] of sentences(t)) if (b - a >= 20 && b - a <= 200) notes.push(t.slice(a, b));
  const note = (): string => (notes.length > 0 ? srng.pick(notes) : 'Quarterly report');
  const nStruct = opts.structuredDocs ?? 1500;
  let structInjected = 0;
  for (let i = 0; i < nStruct; i++) {
    const clean = structuredDoc(srng, note);
    const t = canonical(clean.text);
    corpus.addDocument(t, undefined, 1, 1);
    corpus.addUser(t, 0, 1);
    if (i % 3 === 0 && payloads.length > 0) {
      const d = structuredDoc(srng, note, srng.pick(payloads));
      if (d.span === undefined) continue;
      const ti = canonical(d.text);
      const p = canonical(d.text.slice(d.span[0], d.span[1]));
      const at = ti.indexOf(p);
      if (at < 0 || p.length < 8) continue;
      corpus.addDocument(ti, [at, at + p.length], 1, 1);
      corpus.addUser(ti, 1, 0.5);
      structInjected++;
    }
  }
  stats.structuredDocs = nStruct;

  // Tool-actionable asks in structured tool results (own PRNG stream): an instruction to the agent is a
  // positive for the untrusted head, the same action asked of the human reader a negative.
  const arng = mulberry32(seed ^ 0x5be0cd19);
  const nAsk = opts.agentAsks ?? 1200;
  for (let i = 0; i < 2 * nAsk; i++) {
    const toAgent = i % 2 === 0;
    const d = structuredDoc(arng, note, toAgent ? agentAsk(arng) : readerRequest(arng));
    if (d.span === undefined) continue;
    const ti = canonical(d.text);
    const p = canonical(d.text.slice(d.span[0], d.span[1]));
    const at = ti.indexOf(p);
    if (at < 0 || p.length < 8) continue;
    if (toAgent) {
      corpus.addDocument(ti, [at, at + p.length], 1, 1);
      corpus.addUser(ti, 1, 0.5);
    } else {
      corpus.addDocument(ti, undefined, 1, 1);
      corpus.addUser(ti, 0, 1);
    }
  }
  stats.agentAsks = nAsk;

  // Generated benign near-misses (own PRNG stream): prose ABOUT AI without rules, which train shows only inside
  // jailbreaks. Negatives for both heads: a statement or a question about AI instructs no model.
  const nrng = mulberry32(seed ^ 0xa54ff53a);
  const nNear = opts.nearMisses ?? 800;
  for (let i = 0; i < nNear; i++) {
    const t = canonical(nearMiss(NEAR_MISS_LANGS[i % NEAR_MISS_LANGS.length]!, nrng));
    corpus.addUser(t, 0, 1);
    corpus.addDocument(t, undefined, 1, 1);
  }
  stats.nearMisses = nNear;
  stats.structuredInjected = structInjected;

  // Real e-mails as untrusted documents (own PRNG stream). Each is already a clean negative above; every second
  // one also gets an injected twin — a training payload in the body, a quoted reply, after the signature
  // delimiter or in an HTML comment — and the others a reader-directed variant (an ordinary request to the
  // human reader at the same places: benign, it is not addressed to the model).
  const erng = mulberry32(seed ^ 0x510e527f);
  let emailInjected = 0;
  let emailReader = 0;
  if (opts.emailTwins !== false)
    fit.filter(isEmailRow).forEach((r, i) => {
      const injected = i % 2 === 0;
      if (injected && payloads.length === 0) return;
      const place = EMAIL_PLACES[(i >> 1) % EMAIL_PLACES.length]!;
      // A quarter of the injected twins carry a tool-actionable ask, a quarter of the benign ones the same
      // actions asked of the reader.
      const insert = injected
        ? i % 8 === 0
          ? agentAsk(erng)
          : erng.pick(payloads)
        : i % 8 === 1
          ? readerRequest(erng)
          : erng.pick(READER_REQUESTS);
      const v = placeInEmail(c(r), insert, place, erng);
      const t = canonical(v.text);
      const p = canonical(v.text.slice(v.span[0], v.span[1]));
      const at = t.indexOf(p);
      if (at < 0 || p.length < 8) return;
      if (injected) {
        corpus.addDocument(t, [at, at + p.length], 1, 1);
        corpus.addUser(t, 1, 0.5);
        emailInjected++;
      } else {
        corpus.addDocument(t, undefined, 1, 2);
        corpus.addUser(t, 0, 1);
        emailReader++;
      }
    });
  stats.emailInjected = emailInjected;
  stats.emailReaderRequests = emailReader;

  // Balance the untrusted head: there are far more clean sentences than injected ones.
  let pw = 0;
  let nw = 0;
  for (const e of corpus.untrusted)
    if (e.y === 1) pw += e.weight;
    else nw += e.weight;
  const ratio = pw > 0 ? Math.min(5, nw / pw) : 1;
  for (const e of corpus.untrusted) if (e.y === 1) e.weight *= ratio;
  stats.userExamples = corpus.user.length;
  stats.untrustedExamples = corpus.untrusted.length;
  stats.untrustedPositives = corpus.untrusted.filter((e) => e.y === 1).length;
  log(
    `examples: user ${corpus.user.length}, untrusted ${corpus.untrusted.length} (${stats.untrustedPositives} positive)`,
  );

  const sizes = { bits: features.bits, ruleBits: RULE_BITS };
  const heads: Record<HeadName, LinearHead> = {
    user: trainLogistic(corpus.docs, corpus.user, sizes, rng, lopts),
    untrusted: trainLogistic(corpus.docs, corpus.untrusted, sizes, rng, lopts),
  };
  log('trained');
  // Hard-negative mining: the top 2% of negative windows under the first untrusted head (what it confuses with
  // instructions: fragments, reader-directed imperatives) get 3x weight, and the untrusted head is retrained.
  for (let round = 0; round < (opts.hardNegativeRounds ?? 1); round++) {
    const negs = corpus.untrusted.filter((e) => e.y === 0);
    const z = negs.map((e) => logit(heads.untrusted, corpus.docs[e.doc]!, e));
    const cut = [...z].sort((a, b) => b - a)[Math.floor(0.03 * z.length)] ?? Infinity;
    let mined = 0;
    negs.forEach((e, i) => {
      if (z[i]! >= cut) {
        e.weight *= 5;
        mined++;
      }
    });
    stats[`hardNegatives${round + 1}`] = mined;
    heads.untrusted = trainLogistic(corpus.docs, corpus.untrusted, sizes, rng, lopts);
    log(`retrained untrusted head with ${mined} hard negatives`);
  }

  // Quantize first, so calibration, thresholds and metrics describe the model that ships.
  const q: Record<HeadName, LinearHead> = {
    user: {
      w: quantize(heads.user.w, 'f16'),
      r: quantize(heads.user.r, 'f16'),
      bias: Math.fround(heads.user.bias),
    },
    untrusted: {
      w: quantize(heads.untrusted.w, 'f16'),
      r: quantize(heads.untrusted.r, 'f16'),
      bias: Math.fround(heads.untrusted.bias),
    },
  };
  const manifest: Manifest = {
    name: 'injection',
    version: opts.name ?? 'injection-v1',
    weights: { file: `${opts.name ?? 'injection-v1'}.bin`, sha256: '', bytes: 0 },
    trainingData: {
      file: dataFiles.map((p) => basename(p)).join('+'),
      sha256: sha256(dataBytes),
      rows: all.length,
    },
    features: {
      ...features,
      ruleBits: RULE_BITS,
      lowercase: true,
      digitsFolded: true,
      hash: 'fnv1a32+fmix32',
    },
    windows,
    heads: {
      user: headManifest(),
      untrusted: headManifest(),
    },
    ...(shippedLm === undefined || edges === undefined
      ? {}
      : { lm: { ...shippedLm.settings, encoding: 'log1p-count' as const, edges } }),
    training: {
      seed,
      learner: 'logistic',
      optimizer: 'adagrad',
      ...lopts,
      instructionPositives: opts.instructionPositives === true,
      augmentJailbreaks: nJb,
      structuredDocs: nStruct,
      nearMisses: nNear,
      augmentParaphrases: nPara,
      agentAsks: nAsk,
    },
  };
  const loaded = (h: HeadName, a = 1, b = 0, threshold = 0.5) => ({ weights: q[h], a, b, threshold });
  const raw = createDetector(manifest, { user: loaded('user'), untrusted: loaded('untrusted') }, shippedLm);

  // Platt scaling on the held-back rows, scored exactly as at inference.
  const cu = calib.map((r) => raw.score(c(r), 'user').logit);
  const platUser = fitPlatt(cu, calib.map(isAttack));
  const cd = calib.filter((r) => isDocument(r) || isAttack(r));
  const platUntr = fitPlatt(
    cd.map((r) => raw.score(c(r), 'untrusted').logit),
    cd.map(isAttack),
  );
  manifest.heads.user.calibration = { method: 'platt', ...platUser };
  manifest.heads.untrusted.calibration = { method: 'platt', ...platUntr };
  let detector = createDetector(
    manifest,
    {
      user: loaded('user', platUser.a, platUser.b),
      untrusted: loaded('untrusted', platUntr.a, platUntr.b),
    },
    shippedLm,
  );

  let dev: DevReport | undefined;
  const devRows = [opts.devPath, ...(opts.extraDevPaths ?? [])].flatMap((p) =>
    p === undefined ? [] : readRows(p),
  );
  if (opts.thresholds !== undefined) {
    const t = typeof opts.thresholds === 'function' ? await opts.thresholds() : opts.thresholds;
    manifest.heads.user.threshold = t.user;
    manifest.heads.user.thresholdRule = t.rule;
    manifest.heads.untrusted.threshold = t.untrusted;
    manifest.heads.untrusted.thresholdRule = t.rule;
    if (t.documentsUser !== undefined)
      manifest.documents = {
        heads: ['untrusted', 'user'],
        userThreshold: t.documentsUser,
        rule: 'untrusted text is flagged when either head reaches its threshold (both chosen on out-of-family scores); the score is the untrusted head, or the user head mapped onto its scale (equal log-odds margin)',
      };
    detector = createDetector(
      manifest,
      {
        user: loaded('user', platUser.a, platUser.b, t.user),
        untrusted: loaded('untrusted', platUntr.a, platUntr.b, t.untrusted),
      },
      shippedLm,
    );
    if (devRows.length > 0) {
      dev = evaluateDev(detector, devRows);
      manifest.heads.user.devMetrics = { inDistribution: true, ...dev.user.summary };
      manifest.heads.untrusted.devMetrics = { inDistribution: true, ...dev.untrusted.summary };
    }
  } else if (opts.devPath !== undefined) {
    dev = evaluateDev(detector, devRows);
    manifest.heads.user.threshold = thresholdFor(dev.user.scores, dev.user.labels, 0.01);
    manifest.heads.user.thresholdRule =
      'highest score of the lowest-scoring 99% of dev benign rows (1% FPR), user text';
    manifest.heads.untrusted.threshold = thresholdFor(dev.untrusted.scores, dev.untrusted.labels, DOC_FPR);
    manifest.heads.untrusted.thresholdRule = `${DOC_FPR * 100}% FPR on dev clean documents (carriers and benign-imperative variants), untrusted text`;
    if (opts.documentsBothHeads !== false) {
      // Documents are also read by the user head at its own threshold; the untrusted threshold is then chosen so
      // that the two heads TOGETHER stay at DOC_FPR on dev clean documents. Kept only if the user head alone
      // leaves room in that budget (otherwise it would buy jailbreak recall with clean-document false alarms).
      // On documents the user head gets at most a quarter of the budget (0.5% of clean documents), at a
      // threshold no lower than its own: library docs full of "security", "password", "ignore" must not pay for it.
      const us = dev.untrusted.rows.map((r) => detector.score(canonical(r.text), 'user').score);
      const ut = Math.max(manifest.heads.user.threshold, thresholdFor(us, dev.untrusted.labels, 0.005));
      const byUser = us.map((s) => s >= ut);
      const clean = dev.untrusted.labels.filter((l) => !l).length;
      const userFp = byUser.filter((f, i) => f && !dev!.untrusted.labels[i]).length;
      stats.devCleanDocsFlaggedByUserHead = userFp;
      if (userFp <= Math.floor(0.005 * clean)) {
        const joint = dev.untrusted.scores.map((s, i) => (byUser[i] ? 2 : s));
        manifest.heads.untrusted.threshold = thresholdFor(joint, dev.untrusted.labels, DOC_FPR);
        manifest.heads.untrusted.thresholdRule = `${DOC_FPR * 100}% FPR on dev clean documents (carriers and benign-imperative variants) for the untrusted head and the user head together`;
        manifest.documents = {
          heads: ['untrusted', 'user'],
          userThreshold: ut,
          rule: 'untrusted text is flagged when either head reaches its threshold (user head on documents: 0.5% FPR on dev clean documents, never below its user-text threshold); the score is the untrusted head, or the user head mapped onto its scale (equal log-odds margin)',
        };
      }
    }
    detector = createDetector(
      manifest,
      {
        user: loaded('user', platUser.a, platUser.b, manifest.heads.user.threshold),
        untrusted: loaded('untrusted', platUntr.a, platUntr.b, manifest.heads.untrusted.threshold),
      },
      shippedLm,
    );
    dev = evaluateDev(detector, devRows);
    manifest.heads.user.devMetrics = dev.user.summary;
    manifest.heads.untrusted.devMetrics = dev.untrusted.summary;
  }

  const tensors = (['user', 'untrusted'] as const).flatMap((h) => [
    { name: `${h}.w`, dtype: 'f16' as const, data: heads[h].w },
    { name: `${h}.r`, dtype: 'f16' as const, data: heads[h].r },
    { name: `${h}.bias`, dtype: 'f32' as const, data: Float32Array.of(heads[h].bias) },
  ]);
  if (shippedLm !== undefined) {
    tensors.push({ name: 'lm.ctxCount', dtype: 'f16', data: toLogCounts(shippedLm.ctxCount) });
    tensors.push({ name: 'lm.ctxTypes', dtype: 'f16', data: toLogCounts(shippedLm.ctxTypes) });
    tensors.push({ name: 'lm.joint', dtype: 'f16', data: toLogCounts(shippedLm.joint) });
  }
  const bin = encodeWeights(tensors);
  manifest.weights.sha256 = sha256(bin);
  manifest.weights.bytes = bin.length;
  if (opts.dryRun !== true) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, manifest.weights.file), bin);
    writeFileSync(join(opts.outDir, `${manifest.version}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { manifest, bin, detector, ...(dev === undefined ? {} : { dev }), stats };
}

function headManifest(): Manifest['heads']['user'] {
  return {
    learner: 'logistic',
    calibration: { method: 'platt', a: 1, b: 0 },
    threshold: 0.5,
    thresholdRule: 'default 0.5 (no dev set given)',
    devMetrics: {},
  };
}
