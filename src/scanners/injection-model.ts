// The learned injection detector as a scanner. Tiered behind the rules (cost 'model'), it catches paraphrases
// the rules miss. User text asks "is this an attack?"; untrusted text asks "does this instruct the model at
// all?" (data should never instruct), scored per sentence with the best sentence as the span — and, when the
// manifest says so (`documents.heads`), ALSO "is this an attack?" by the user head, because a jailbreak pasted
// into a web page or a tool result is still one. The user head reads documents at a stricter threshold than
// user text (0.5% FPR on dev clean documents, see train.ts) and the untrusted threshold was chosen for the two
// heads together, so scanning with both stays at 2% FPR on clean documents; the signal `model.<head>.<window>`
// says which head fired. Weights load
// lazily on first scan, once; a missing or corrupt weight file throws MODEL_WEIGHTS_INVALID (the guard turns a
// throwing scanner into a failing-closed finding).
import { z } from 'zod';
import type { Scanner, ScannerFinding, Trust } from '../core/types.js';
import { loadDetector, type Detector } from '../model/detector.js';
import { memoizedRuleFindings } from './injection-rules.js';

let detector: Detector | undefined;
let loadedFrom: string | undefined;

/** The detector for a manifest path (default: the packaged models/injection-v1.json), loaded once. */
export function getInjectionDetector(manifestPath?: string): Detector {
  const key = manifestPath ?? '<default>';
  if (detector === undefined || loadedFrom !== key) {
    detector = loadDetector(manifestPath);
    loadedFrom = key;
  }
  return detector;
}

/** The scanner's policy options (`scanners.injection-model.options`). */
export const InjectionModelOptions = z
  .object({
    /** Calibrated-probability threshold for both heads; overrides the manifest's (chosen for 1% FPR on dev). */
    threshold: z.number().min(0).max(1).optional(),
    /** Path of another manifest (e.g. a retrained model; models/injection-v1.json by default). */
    modelPath: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type InjectionModelOptions = z.infer<typeof InjectionModelOptions>;

const CATEGORY = 'prompt_injection.model';
const reported = (score: number): number => Math.round(score * 1e4) / 1e4;

/** What the guard passes on from the check: the rule scanner's findings and when a finding would block. */
export interface ModelScanHints {
  ruleFindings?: readonly ScannerFinding[] | undefined;
  blocks?: ((category: string, score: number) => boolean) | undefined;
}

export function scanInjectionModel(
  text: string,
  trust: Trust,
  options: InjectionModelOptions = {},
  hints: ModelScanHints = {},
): ScannerFinding[] {
  if (trust === 'system' || text.trim().length === 0) return [];
  const detector = getInjectionDetector(options.modelPath);
  const { blocks, ruleFindings } = hints;
  // With `blocks`, long user text is read only up to the first window whose finding would block the check.
  const userThreshold = options.threshold ?? detector.manifest.heads.user.threshold;
  const s = detector.score(text, trust, {
    ...(ruleFindings ? { ruleFindings } : {}),
    ...(blocks ? { stopAt: (p: number) => p >= userThreshold && blocks(CATEGORY, reported(p)) } : {}),
  });
  const threshold = options.threshold ?? s.threshold;
  if (!(s.score >= threshold)) return [];
  return [
    {
      category: CATEGORY,
      score: reported(s.score),
      span: s.span,
      message:
        s.head === 'untrusted'
          ? 'Untrusted text contains what reads as an instruction to the model (learned detector).'
          : 'Text reads as a prompt-injection or jailbreak attempt (learned detector).',
      signals: [`model.${s.head}.${s.kind}`, ...s.ruleSignals.slice(0, 8)],
    },
  ];
}

export const injectionModel = {
  name: 'injection-model',
  description: 'prompt injection and jailbreaks by the trained detector (paraphrases the rules miss)',
  options: InjectionModelOptions,
  stages: ['input', 'retrieval', 'tool_result'],
  cost: 'model',
  scan: (text, ctx) =>
    scanInjectionModel(text, ctx.trust, ctx.options, {
      ruleFindings: memoizedRuleFindings(ctx.memo, text, ctx.trust),
      blocks: ctx.blocks,
    }),
} satisfies Scanner<InjectionModelOptions>;
