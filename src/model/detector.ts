// The loaded injection detector. Two heads on one feature pass: `user` (is this prompt an attack?) scores the
// whole text; `untrusted` (does this document instruct the model at all?) scores every sentence and sentence
// pair and keeps the best. Input is CANONICAL text (the guard canonicalizes before scanners run).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RampartError } from '../core/errors.js';
import type { ScannerFinding, Span, Trust } from '../core/types.js';
import { applyPlatt } from './calibrate.js';
import { fromLogCounts, lmBuckets, lmStats, type CharLm } from './charlm.js';
import { cueScan } from './cues.js';
import { extractFeaturesInto, featureStream, newFeatureSink, type FeatureSettings } from './features.js';
import { cueRuleHit, isCue, ruleFindingHits, ruleHits, type RuleHit } from './rule-features.js';
import { decodeWeights, Manifest } from './weights-format.js';
import {
  newScoreScratch,
  scoreDocument,
  scoreUserText,
  scoreUserTextSteps,
  type HeadWeights,
  type WindowScore,
} from './window-scorer.js';
import { sentenceWindows, type WindowKind, type WindowSettings } from './windows.js';

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

export interface ScoreOptions {
  /** The rule scanner's findings on this very text at this trust (`scanInjectionRules`), when at hand. */
  ruleFindings?: readonly ScannerFinding[];
  /**
   * User text only: stop at the first window whose calibrated score satisfies this and report that window
   * instead of the strongest one (a check that blocks at that score reads no further).
   */
  stopAt?: (score: number) => boolean;
}

/** Work done by a detector since it was loaded (tests bound it: hostile input must not cost more than linear). */
export interface DetectorWork {
  /** Characters whose features were extracted. */
  chars: number;
  /** Windows scored (one per short text). */
  windows: number;
  /** Windows whose character-LM statistics were computed (the others ended like one already seen). */
  lmWindows: number;
}

export interface Detector {
  manifest: Manifest;
  score(text: string, trust: Exclude<Trust, 'system'>, options?: ScoreOptions): ModelScore;
  readonly work: DetectorWork;
}

export interface LoadedHead {
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

export interface DetectorParts {
  manifest: Manifest;
  heads: Record<HeadName, LoadedHead>;
  lm: CharLm | undefined;
}

export function loadDetector(manifestPath: string = defaultManifestPath()): Detector {
  const { manifest, heads, lm } = loadDetectorParts(manifestPath);
  return createDetector(manifest, heads, lm);
}

/** The manifest, heads and character LM of a weight file, as `createDetector` takes them. */
export function loadDetectorParts(manifestPath: string = defaultManifestPath()): DetectorParts {
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
  let lm: CharLm | undefined;
  if (manifest.lm !== undefined) {
    const { bits, jointBits, order, vocab, span } = manifest.lm;
    const cc = tensors.get('lm.ctxCount');
    const ct = tensors.get('lm.ctxTypes');
    const cj = tensors.get('lm.joint');
    if (cc?.length !== 1 << bits || ct?.length !== 1 << bits || cj?.length !== 1 << jointBits)
      throw invalid('injection model weights: character LM tensor shapes do not match the manifest');
    lm = {
      settings: { bits, jointBits, order, vocab, span },
      ctxCount: fromLogCounts(cc),
      ctxTypes: fromLogCounts(ct),
      joint: fromLogCounts(cj),
    };
  }
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
  return { manifest, heads: { user: head('user'), untrusted: head('untrusted') }, lm };
}

const INDIRECT = 'prompt_injection.indirect';
/** Distinct window endings whose character-LM buckets one scoring call keeps. */
const LM_MEMO_MAX = 4096;

const logOdds = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

export function createDetector(
  manifest: Manifest,
  heads: Record<HeadName, LoadedHead>,
  lm?: CharLm,
): Detector {
  const settings: FeatureSettings = manifest.features;
  const win: WindowSettings = manifest.windows;
  const edges = manifest.lm?.edges;
  const work: DetectorWork = { chars: 0, windows: 0, lmWindows: 0 };
  const lmExtra = (text: string): ((s: number, e: number) => readonly number[]) | undefined => {
    if (lm === undefined || edges === undefined) return undefined;
    const model = lm;
    const bits = manifest.features.ruleBits;
    // The statistics read only the window's last `span` characters: windows that end in the same characters
    // (a repeated paragraph, a megabyte of spaces) are computed once per text.
    const seen = new Map<string, readonly number[]>();
    return (s, e) => {
      const key = text.slice(Math.max(s, e - model.settings.span), e);
      let b = seen.get(key);
      if (b === undefined) {
        b = lmBuckets(lmStats(model, text, s, e, edges.high), edges, bits);
        work.lmWindows++;
        if (seen.size < LM_MEMO_MAX) seen.set(key, b);
      }
      return b;
    };
  };
  const finish = (name: HeadName, text: string, best: WindowScore, hits: readonly RuleHit[]): ModelScore => {
    const h = heads[name];
    const kind: WindowKind =
      name === 'untrusted' ? 'sentence' : text.length <= win.userWhole ? 'whole' : 'window';
    const names = new Set<string>();
    for (const hit of hits)
      if (hit.span[0] < best.span[1] && hit.span[1] > best.span[0] && hit.buckets.length > 0)
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
  };
  // Scratch buffers of the feature pass and of the window sums, reused across calls (score is synchronous).
  const sink = newFeatureSink();
  const scratch = newScoreScratch();
  const both = manifest.documents?.heads.includes('user') === true;

  /** User text longer than one window: features, cues and windows in steps, so `stopAt` can end it early. */
  const scoreLongUser = (text: string, opts: ScoreOptions): ModelScore => {
    const rules = ruleFindingHits(text, 'user', opts.ruleFindings);
    const cues = cueScan(text, 256, settings.cues ?? 1);
    const stream = featureStream(text, settings, sink);
    let hits: RuleHit[] = rules;
    const feed = {
      advance: (to: number): void => {
        stream.advance(to);
        cues.advance(to);
        hits = rules.concat(...cues.families.map((f) => f.map(cueRuleHit)));
      },
      feats: () => stream.feats,
      hits: () => hits,
    };
    const cal = heads.user;
    const stopAt = opts.stopAt;
    const best = scoreUserTextSteps(
      heads.user.weights,
      feed,
      text.length,
      { whole: win.userWhole, size: win.userWindow, extra: lmExtra(text) },
      stopAt === undefined ? undefined : (z) => stopAt(applyPlatt({ a: cal.a, b: cal.b }, z)),
      // Without a stop, one step; with one, about 16 KB at a time (a blocking attack is usually found early).
      stopAt === undefined ? Number.MAX_SAFE_INTEGER : 16,
      scratch,
    );
    work.chars += stream.pos;
    work.windows += best.windows;
    return finish('user', text, best, hits);
  };
  return {
    manifest,
    work,
    score(text, trust, opts = {}) {
      if (trust !== 'untrusted') {
        if (text.length > win.userWhole) return scoreLongUser(text, opts);
        const feats = extractFeaturesInto(text, settings, sink);
        work.chars += text.length;
        work.windows++;
        const hits = ruleHits(text, 'user', opts.ruleFindings, settings.cues ?? 1);
        const best = scoreUserText(
          heads.user.weights,
          feats,
          text.length,
          { whole: win.userWhole, size: win.userWindow, hits, extra: lmExtra(text) },
          scratch,
        );
        return finish('user', text, best, hits);
      }
      const feats = extractFeaturesInto(text, settings, sink);
      work.chars += text.length;
      const hits = ruleHits(text, 'untrusted', opts.ruleFindings, settings.cues ?? 1);
      // User-text rule hits are the untrusted ones without the indirect-instruction rules (which run on
      // untrusted text only), so one rule pass serves both heads.
      const userHits = both ? hits.filter((x) => x.names[0] !== INDIRECT) : [];
      const r = scoreDocument(
        heads.untrusted.weights,
        both ? heads.user.weights : undefined,
        feats,
        text.length,
        { windows: sentenceWindows(text, win), hits },
        { whole: win.userWhole, size: win.userWindow, hits: userHits, extra: lmExtra(text) },
        scratch,
      );
      const u = finish('untrusted', text, r.untrusted, hits);
      if (r.user === undefined) return u;
      // The user head also reads documents (a jailbreak pasted into a web page is still one). Its score is put
      // on the untrusted head's scale with equal margins in log-odds, so one threshold means "either head
      // at its own threshold", and the head that fired is reported.
      const v = finish('user', text, r.user, userHits);
      const m = logOdds(v.score) - logOdds(manifest.documents!.userThreshold) + logOdds(u.threshold);
      const mapped = 1 / (1 + Math.exp(-m));
      return mapped > u.score ? { ...v, score: mapped, threshold: u.threshold } : u;
    },
  };
}
