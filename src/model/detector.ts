// The loaded injection detector. Two heads on one feature pass: `user` (is this prompt an attack?) scores the
// whole text; `untrusted` (does this document instruct the model at all?) scores every sentence and sentence
// pair and keeps the best. Input is CANONICAL text (the guard canonicalizes before scanners run).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RampartError } from '../core/errors.js';
import type { Span, Trust } from '../core/types.js';
import { applyPlatt } from './calibrate.js';
import { extractFeatures, type FeatureSettings } from './features.js';
import { isCue, ruleHits, rulesIn } from './rule-features.js';
import { decodeWeights, Manifest } from './weights-format.js';
import { bestWindow, type HeadWeights } from './window-scorer.js';
import { sentenceWindows, userWindows, type WindowKind, type WindowSettings } from './windows.js';

export type HeadName = 'user' | 'untrusted';

export interface ModelScore {
  head: HeadName;
  /** Calibrated probability in [0, 1]. */
  score: number;
  logit: number;
  /** The head's default threshold (from the manifest). */
  threshold: number;
  span: Span;
  kind: WindowKind;
  /** Rule ids and categories that fired inside the span. */
  ruleSignals: string[];
}

export interface Detector {
  manifest: Manifest;
  score(text: string, trust: Exclude<Trust, 'system'>): ModelScore;
}

interface LoadedHead {
  weights: HeadWeights;
  a: number;
  b: number;
  threshold: number;
}

export const MODEL_FILE = 'injection-v1.json';

/** models/ of the package: found by walking up from this module (src/model or dist/src/model). */
export function defaultManifestPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'models', MODEL_FILE);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', MODEL_FILE);
}

const invalid = (msg: string, cause?: unknown): RampartError =>
  new RampartError('MODEL_WEIGHTS_INVALID', msg, cause === undefined ? undefined : { cause });

export function loadDetector(manifestPath: string = defaultManifestPath()): Detector {
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (cause) {
    throw invalid(`injection model manifest ${manifestPath} is missing or invalid`, cause);
  }
  let bytes: Uint8Array;
  const binPath = join(dirname(manifestPath), manifest.weights.file);
  try {
    bytes = readFileSync(binPath);
  } catch (cause) {
    throw invalid(`injection model weight file ${binPath} cannot be read`, cause);
  }
  const tensors = decodeWeights(bytes, manifest.weights.sha256);
  const f = manifest.features;
  const head = (name: HeadName): LoadedHead => {
    const w = tensors.get(`${name}.w`);
    const r = tensors.get(`${name}.r`);
    const bias = tensors.get(`${name}.bias`);
    if (w?.length !== 1 << f.bits || r?.length !== 1 << f.ruleBits || bias?.length !== 1)
      throw invalid(`injection model weights: tensor shapes of head ${name} do not match the manifest`);
    const m = manifest.heads[name];
    return {
      weights: { w, r, bias: bias[0]! },
      a: m.calibration.a,
      b: m.calibration.b,
      threshold: m.threshold,
    };
  };
  return createDetector(manifest, { user: head('user'), untrusted: head('untrusted') });
}

export function createDetector(manifest: Manifest, heads: Record<HeadName, LoadedHead>): Detector {
  const settings: FeatureSettings = manifest.features;
  const win: WindowSettings = manifest.windows;
  return {
    manifest,
    score(text, trust) {
      const name: HeadName = trust === 'untrusted' ? 'untrusted' : 'user';
      const h = heads[name];
      const feats = extractFeatures(text, settings);
      const hits = ruleHits(text, trust);
      const windows = name === 'user' ? userWindows(text.length, win) : sentenceWindows(text, win);
      const best = bestWindow(h.weights, feats, text.length, windows, hits);
      const kind: WindowKind = name === 'untrusted' ? 'sentence' : windows.length === 1 ? 'whole' : 'window';
      const names = new Set<string>();
      for (const hit of hits)
        if (rulesIn([hit], best.span[0], best.span[1]).length > 0)
          for (const n of hit.names) if (!isCue(n)) names.add(n);
      const logit = Number.isFinite(best.logit) ? best.logit : -50;
      return {
        head: name,
        score: applyPlatt({ a: h.a, b: h.b }, logit),
        logit,
        threshold: h.threshold,
        span: best.span,
        kind,
        ruleSignals: [...names].sort(),
      };
    },
  };
}
