// Bring your own classifier: a local ONNX text classifier as a scanner, optionally as a cascade behind
// Rampart's own detector. In cascade mode it runs only when the injection detector's score for the text falls
// inside `cascade.band` — where Rampart is unsure — so a model that costs tens of milliseconds per window is
// paid only on the texts that need a second opinion. Above the band Rampart is sure on its own, which is why
// the cascade requires injection-model in the same stage (else those texts would go unscanned).
import { z } from 'zod';
import { RampartError } from '../core/errors.js';
import type { Scanner, ScannerFinding, Trust } from '../core/types.js';
import {
  assertInstalled,
  loadOnnxClassifier,
  RUNTIME_PACKAGE,
  TOKENIZER_PACKAGE,
  type OnnxClassifier,
} from '../model/onnx-classifier.js';
import { getInjectionDetector } from './injection-model.js';

const REQUIRED = ['model', 'modelSha256', 'tokenizer', 'tokenizerSha256', 'labels', 'categories'] as const;
const Sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/u, 'a sha256 as 64 hex digits');
const Path = z.string().min(1).max(4096);
const Category = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/u, 'a dotted category like prompt_injection.classifier');

export const OnnxClassifierOptions = z
  .object({
    /** The .onnx file (a single file: external-data models are not supported). */
    model: Path.optional(),
    modelSha256: Sha256.optional(),
    /** The model's tokenizer.json. */
    tokenizer: Path.optional(),
    tokenizerSha256: Sha256.optional(),
    /** Its tokenizer_config.json, for tokenizers that need it (lower-casing, space handling). */
    tokenizerConfig: Path.optional(),
    tokenizerConfigSha256: Sha256.optional(),
    /** The model's output labels in order (config.json `id2label`). */
    labels: z.array(z.string().min(1).max(100)).min(2).max(64).optional(),
    /** Label → finding category; labels not listed (BENIGN) never make findings. */
    categories: z.record(z.string(), Category).optional(),
    activation: z.enum(['softmax', 'sigmoid']).default('softmax'),
    /** Probability at which a mapped label becomes a finding. */
    minScore: z.number().min(0).max(1).default(0.5),
    /** Tokens per window, special tokens included (the model's maximum sequence length). */
    maxLength: z.number().int().min(8).max(8192).default(512),
    /** A text needing more windows is a scanner error (fail closed), not a partly scanned text. */
    maxWindows: z.number().int().min(1).max(256).default(16),
    /** Tokens shared by consecutive windows, so a phrase on a boundary is whole in one of them. */
    overlap: z.number().int().min(0).max(4096).default(64),
    /** onnxruntime intra-op threads. */
    threads: z.number().int().min(1).max(64).default(1),
    /** Run only when injection-model's score for the text lies in [band[0], band[1]]; absent: always. */
    cascade: z
      .object({
        band: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
        /**
         * The injection-model manifest to score with (the packaged one by default). Give the same one as
         * injection-model's `modelPath`: the detector is cached for one manifest at a time.
         */
        modelPath: Path.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    // An entry with none of the required keys is a scanner not set up (checked if a stage uses it); one with
    // some of them is a half-written setup, reported here with its line.
    const given = REQUIRED.filter((k) => o[k] !== undefined);
    if (given.length > 0)
      for (const k of REQUIRED)
        if (o[k] === undefined)
          ctx.addIssue({ code: 'custom', path: [k], message: `required with ${given[0]}` });
    for (const label of Object.keys(o.categories ?? {}))
      if (o.labels && !o.labels.includes(label))
        ctx.addIssue({
          code: 'custom',
          path: ['categories', label],
          message: `"${label}" is not one of labels (${o.labels.join(', ')})`,
        });
    if (o.categories && Object.keys(o.categories).length === 0)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'map at least one label to a category' });
    if ((o.tokenizerConfig === undefined) !== (o.tokenizerConfigSha256 === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['tokenizerConfigSha256'],
        message: 'give tokenizerConfig and tokenizerConfigSha256 together',
      });
    if (o.overlap >= o.maxLength / 2)
      ctx.addIssue({ code: 'custom', path: ['overlap'], message: 'must be under half of maxLength' });
    if (o.cascade && !(o.cascade.band[0] < o.cascade.band[1]))
      ctx.addIssue({
        code: 'custom',
        path: ['cascade', 'band'],
        message: 'give [low, high] with low < high',
      });
  });
type Parsed = z.infer<typeof OnnxClassifierOptions>;
type Required = (typeof REQUIRED)[number];
export type OnnxClassifierSettings = Parsed & { [K in Required]-?: NonNullable<Parsed[K]> };

/** The parsed options of a scanner that is set up: a stage using it without its files is POLICY_INVALID. */
function setUp(o: Parsed): OnnxClassifierSettings {
  const absent = REQUIRED.filter((k) => o[k] === undefined);
  if (absent.length)
    throw new RampartError(
      'POLICY_INVALID',
      `scanners.onnx-classifier.options must set ${absent.join(', ')} (the local model, its tokenizer and what its labels mean)`,
    );
  return o as OnnxClassifierSettings;
}

/** Loaded classifiers by their files; a failed load stays failed (re-hashing a 300 MB file per request would be a DoS). */
const loaded = new Map<string, Promise<OnnxClassifier>>();
const MAX_LOADED = 8;

function getClassifier(o: OnnxClassifierSettings): Promise<OnnxClassifier> {
  const files = {
    model: o.model,
    modelSha256: o.modelSha256,
    tokenizer: o.tokenizer,
    tokenizerSha256: o.tokenizerSha256,
    tokenizerConfig: o.tokenizerConfig,
    tokenizerConfigSha256: o.tokenizerConfigSha256,
    labels: o.labels,
    threads: o.threads,
  };
  const key = JSON.stringify(files);
  let p = loaded.get(key);
  if (!p) {
    if (loaded.size >= MAX_LOADED) loaded.delete(loaded.keys().next().value!);
    p = loadOnnxClassifier(files);
    p.catch(() => {}); // awaited by every scan; this only keeps a load started at guard creation from going unhandled
    loaded.set(key, p);
  }
  return p;
}

const reported = new WeakSet<Promise<OnnxClassifier>>();

export async function scanOnnxClassifier(
  text: string,
  trust: Exclude<Trust, 'system'>,
  options: Parsed,
  log?: { warn(obj: Record<string, unknown>, msg?: string): void },
): Promise<ScannerFinding[]> {
  const o = setUp(options);
  if (text.trim().length === 0) return [];
  if (o.cascade) {
    const own = getInjectionDetector(o.cascade.modelPath).score(text, trust).score;
    if (own < o.cascade.band[0] || own > o.cascade.band[1]) return [];
  }
  const pending = getClassifier(o);
  let classifier: OnnxClassifier;
  try {
    classifier = await pending;
  } catch (e) {
    // The pipeline logs only the error's class; say once what is wrong (paths and hashes, never scanned text).
    if (log && !reported.has(pending) && e instanceof RampartError) {
      reported.add(pending);
      log.warn({ scanner: 'onnx-classifier', code: e.code, error: e.message }, 'classifier failed to load');
    }
    throw e;
  }
  const scores = await classifier.classify(text, o);
  const best = new Map<string, ScannerFinding>();
  for (const s of scores) {
    const category = o.categories[s.label];
    if (category === undefined || !(s.score >= o.minScore)) continue;
    const prev = best.get(category);
    if (prev && prev.score >= s.score) continue;
    best.set(category, {
      category,
      score: Math.round(s.score * 1e4) / 1e4,
      span: s.span,
      message: `The ONNX classifier labels the text ${s.label}.`,
      signals: [`onnx.${s.label.replace(/[^A-Za-z0-9_-]/gu, '_')}`],
    });
  }
  return [...best.values()];
}

export const onnxClassifier = {
  name: 'onnx-classifier',
  description: 'a local ONNX text classifier of your choice, optionally only where injection-model is unsure',
  options: OnnxClassifierOptions,
  stages: ['input', 'retrieval', 'tool_result'],
  cost: 'model',
  trusts: ['user', 'untrusted'],
  scan: (text, ctx) => scanOnnxClassifier(text, ctx.trust as Exclude<Trust, 'system'>, ctx.options, ctx.log),
  prepare(options, stageScanners) {
    const o = setUp(options);
    if (o.cascade && o.cascade.band[1] < 1 && !stageScanners.includes('injection-model'))
      throw new RampartError(
        'POLICY_INVALID',
        `onnx-classifier: cascade.band ends at ${o.cascade.band[1]}, so texts Rampart scores above it are left to injection-model, which this stage does not run; add injection-model to the stage or end the band at 1`,
      );
    assertInstalled(RUNTIME_PACKAGE);
    assertInstalled(TOKENIZER_PACKAGE);
    // Start reading, hashing and opening the model now, so the first request does not pay it in its budget.
    void getClassifier(o);
  },
} satisfies Scanner<Parsed>;
