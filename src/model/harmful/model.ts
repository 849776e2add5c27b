// Inference of the harmful-content head (models/harmful-v1.json + .bin): hashed n-gram logistic heads — `input`
// (a user asks for harmful help), `output` (an answer complies with such a request; a refusal does not) and one
// category head per taxonomy category. The category of a finding is the lexicon rule's when a word list
// matches, else the best category head. Text longer than one window is scored in overlapping windows (the
// best window counts), so a harmful ask buried in a long prompt is not diluted. Weights load lazily, once, and
// any inconsistency is MODEL_WEIGHTS_INVALID.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RampartError, isRampartError } from '../../core/errors.js';
import { applyPlatt } from '../calibrate.js';
import { extractFeaturesInto, newFeatureSink, type FeatureSettings, type FeatureSink } from '../features.js';
import { decodeWeights } from '../weights-format.js';
import {
  HARM_CATEGORIES,
  RULE_FEATURE_BITS,
  lexiconCategory,
  ruleFeatures,
  type HarmLabel,
} from './taxonomy.js';

export type HarmHead = 'input' | 'output';

const HeadInfo = z.object({
  calibration: z.object({ method: z.literal('platt'), a: z.number(), b: z.number() }),
  /** Calibrated probability; a score >= it is a finding. */
  threshold: z.number().min(0).max(1),
  thresholdRule: z.string(),
});

export const HarmManifest = z.object({
  name: z.literal('harmful'),
  version: z.string(),
  weights: z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/u),
    bytes: z.number().int(),
  }),
  features: z.object({
    bits: z.number().int().min(8).max(22),
    charMin: z.number().int().min(1),
    charMax: z.number().int().max(8),
    wordMax: z.number().int().min(1).max(4),
    /** Category heads read the same buckets folded to this many bits. */
    categoryBits: z.number().int().min(8).max(22),
  }),
  windows: z.object({ size: z.number().int().min(64), stride: z.number().int().min(32) }),
  heads: z.object({ input: HeadInfo, output: HeadInfo }),
  categories: z.array(z.enum(HARM_CATEGORIES)),
  training: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});
export type HarmManifest = z.infer<typeof HarmManifest>;

export interface LinearWeights {
  w: Float32Array;
  bias: number;
  /** Rule-feature weights (taxonomy.ts ruleFeatures), added to every window's logit. */
  r?: Float32Array;
}

export interface HarmModel {
  manifest: HarmManifest;
  /** Calibrated probability of the head on the text's best window, and that window. */
  score(text: string, head: HarmHead): { score: number; span: readonly [number, number] };
  /** The finding category for a text already judged harmful. */
  category(text: string): HarmLabel;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** models/harmful-v1.json, found from src/model/harmful (tsx) and dist/model/harmful alike. */
export const DEFAULT_HARM_MANIFEST = resolve(HERE, '..', '..', '..', 'models', 'harmful-v1.json');

const invalid = (msg: string, cause?: unknown): RampartError =>
  new RampartError(
    'MODEL_WEIGHTS_INVALID',
    `harmful model: ${msg}`,
    cause === undefined ? undefined : { cause },
  );

/** Window starts covering [0, n): one window for short text, else overlapping ones ending at n. */
export function windowStarts(n: number, size: number, stride: number): number[] {
  if (n <= size) return [0];
  const out: number[] = [];
  for (let s = 0; s + size < n; s += stride) out.push(s);
  out.push(n - size);
  return out;
}

/**
 * The best (highest-logit) window of a text under one head, and its span. Text that fits one window is read
 * as a whole. Longer text is read ONCE: each feature occurrence counts in every window that holds its anchor
 * (at most size / stride + 1 of them), so a 2 KB prompt costs one feature pass, not one per overlapping window
 * (four). A feature that starts inside a window and runs past its end counts there, where a window read on its
 * own would have cut it: the same approximation as the injection model's window scorer.
 */
export function bestWindow(
  text: string,
  head: LinearWeights,
  settings: FeatureSettings,
  windows: { size: number; stride: number },
  sink: FeatureSink,
  rules: readonly number[] = [],
): { logit: number; span: readonly [number, number] } {
  const mask = (1 << settings.bits) - 1;
  let extra = 0;
  if (head.r !== undefined) for (const b of rules) extra += head.r[b] ?? 0;
  const n = text.length;
  if (n <= windows.size) {
    const f = extractFeaturesInto(text, settings, sink);
    return { logit: linearLogit(head, f.buckets, f.length, mask) + extra, span: [0, n] };
  }
  const starts = windowStarts(n, windows.size, windows.stride);
  const sums = new Float64Array(starts.length);
  const counts = new Int32Array(starts.length);
  const f = extractFeaturesInto(text, settings, sink);
  if (windows.size % windows.stride === 0) {
    windowSumsByBlock(f, head.w, mask, starts, windows, sums, counts);
  } else {
    for (let k = 0; k < f.length; k++) {
      const a = f.anchors[k]!;
      const w = head.w[f.buckets[k]! & mask]!;
      // Windows are in start order; the first that can hold anchor a starts after a - size.
      for (let i = Math.max(0, Math.floor((a - windows.size) / windows.stride)); i < starts.length; i++) {
        const s = starts[i]!;
        if (s > a) break;
        if (a < s + windows.size) {
          sums[i] = sums[i]! + w;
          counts[i] = counts[i]! + 1;
        }
      }
    }
  }
  let best = -Infinity;
  let span: readonly [number, number] = [0, n];
  for (let i = 0; i < starts.length; i++) {
    const z = head.bias + sums[i]! / Math.sqrt(Math.max(1, counts[i]!)) + extra;
    if (z > best) {
      best = z;
      span = [starts[i]!, Math.min(n, starts[i]! + windows.size)];
    }
  }
  return { logit: best, span };
}

/**
 * Window sums when the window size is a multiple of the stride (the shipped 1,000 / 500): each feature is added
 * to the one stride-long block its anchor falls in (and to the last window, which ends at the text's end and is
 * not block-aligned, when its anchor is there), and window i is the sum of blocks i … i + size/stride − 1 —
 * one addition per feature instead of one per window that holds it. The same features count in the same
 * windows as the loop over windows; only the order of float64 additions differs (a test checks the scores).
 */
function windowSumsByBlock(
  f: { buckets: Int32Array; anchors: Int32Array; length: number },
  w: Float32Array,
  mask: number,
  starts: readonly number[],
  windows: { size: number; stride: number },
  sums: Float64Array,
  counts: Int32Array,
): void {
  const { size, stride } = windows;
  const last = starts.length - 1;
  const lastStart = starts[last]!;
  // Blocks [b·stride, (b+1)·stride) of the aligned windows 0 … last−1 (window i starts at i·stride).
  const nBlocks = last + size / stride;
  const blockSums = new Float64Array(nBlocks);
  const blockCounts = new Int32Array(nBlocks);
  let lastSum = 0;
  let lastCount = 0;
  for (let k = 0; k < f.length; k++) {
    const a = f.anchors[k]!;
    const v = w[f.buckets[k]! & mask]!;
    const b = Math.floor(a / stride);
    if (b < nBlocks) {
      blockSums[b] = blockSums[b]! + v;
      blockCounts[b] = blockCounts[b]! + 1;
    }
    if (a >= lastStart) {
      lastSum += v;
      lastCount++;
    }
  }
  const per = size / stride;
  for (let i = 0; i < last; i++) {
    let s = 0;
    let c = 0;
    for (let j = i; j < i + per; j++) {
      s += blockSums[j]!;
      c += blockCounts[j]!;
    }
    sums[i] = s;
    counts[i] = c;
  }
  sums[last] = lastSum;
  counts[last] = lastCount;
}

export function linearLogit(head: LinearWeights, buckets: Int32Array, len: number, mask: number): number {
  let s = 0;
  for (let k = 0; k < len; k++) s += head.w[buckets[k]! & mask]!;
  return head.bias + s / Math.sqrt(Math.max(1, len));
}

export function createHarmModel(
  manifest: HarmManifest,
  heads: { input: LinearWeights; output: LinearWeights; categories: readonly LinearWeights[] },
): HarmModel {
  const settings: FeatureSettings = manifest.features;
  const catMask = (1 << manifest.features.categoryBits) - 1;
  const sink: FeatureSink = newFeatureSink();
  return {
    manifest,
    score(text, head) {
      const { logit, span } = bestWindow(
        text,
        heads[head],
        settings,
        manifest.windows,
        sink,
        ruleFeatures(text),
      );
      return { score: applyPlatt(manifest.heads[head].calibration, logit), span };
    },
    category(text) {
      const lex = lexiconCategory(text);
      if (lex !== undefined) return lex;
      const f = extractFeaturesInto(text.slice(0, 4 * manifest.windows.size), settings, sink);
      let best = -Infinity;
      let label: HarmLabel = 'unspecified';
      manifest.categories.forEach((c, i) => {
        const z = linearLogit(heads.categories[i]!, f.buckets, f.length, catMask);
        if (z > best) {
          best = z;
          label = c;
        }
      });
      return best > 0 ? label : 'unspecified';
    },
  };
}

/** Loads and verifies a manifest and its weight file; any problem is MODEL_WEIGHTS_INVALID. */
export function loadHarmModel(manifestPath: string = DEFAULT_HARM_MANIFEST): HarmModel {
  let manifest: HarmManifest;
  try {
    manifest = HarmManifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (cause) {
    throw invalid('the manifest is missing or unreadable', cause);
  }
  let tensors: Map<string, Float32Array>;
  try {
    tensors = decodeWeights(
      readFileSync(join(dirname(manifestPath), manifest.weights.file)),
      manifest.weights.sha256,
    );
  } catch (cause) {
    if (isRampartError(cause)) throw invalid(cause.message.replace(/^injection model weights: /u, ''), cause);
    throw invalid('the weight file is missing or unreadable', cause);
  }
  const bias = tensors.get('bias');
  const need = (name: string, length: number): Float32Array => {
    const t = tensors.get(name);
    if (t === undefined || t.length !== length)
      throw invalid(`tensor ${name} is missing or has the wrong size`);
    return t;
  };
  const nCat = manifest.categories.length;
  if (bias === undefined || bias.length !== 2 + nCat)
    throw invalid('tensor bias is missing or has the wrong size');
  const full = 1 << manifest.features.bits;
  const small = 1 << manifest.features.categoryBits;
  return createHarmModel(manifest, {
    input: { w: need('input', full), bias: bias[0]!, r: need('input.rules', 1 << RULE_FEATURE_BITS) },
    output: { w: need('output', full), bias: bias[1]!, r: need('output.rules', 1 << RULE_FEATURE_BITS) },
    categories: manifest.categories.map((c, i) => ({ w: need(`cat.${c}`, small), bias: bias[2 + i]! })),
  });
}
