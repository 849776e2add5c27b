// Harmful-content head as a scanner (cost 'model'). On input it reads what a USER asks ("how do I make a pipe
// bomb") — system prompts and untrusted documents are not requests; on output it reads what the model SAYS
// and flags an answer that complies with a harmful request (a refusal is not flagged). Findings are
// `harmful.<category>` (taxonomy: src/model/harmful/taxonomy.ts, README "Harmful content"), so a policy can
// act per category. The options schema is the scanner's own (the policy loader parses it once).
// Weights load lazily on first scan, once; a missing or corrupt file throws MODEL_WEIGHTS_INVALID, which the
// guard turns into a failing-closed scanner.error finding.
import { z } from 'zod';
import type { Scanner, ScannerFinding, Stage, Trust } from '../core/types.js';
import { loadHarmModel, type HarmModel } from '../model/harmful/model.js';

export const HarmfulOptions = z
  .object({
    /** Calibrated-probability threshold on input (user text); overrides the manifest's. */
    threshold: z.number().min(0).max(1).optional(),
    /** Calibrated-probability threshold on output (model answers); overrides the manifest's. */
    outputThreshold: z.number().min(0).max(1).optional(),
    /** Another manifest (models/harmful-v1.json by default). */
    modelPath: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type HarmfulOptions = z.infer<typeof HarmfulOptions>;

let model: HarmModel | undefined;
let loadedFrom: string | undefined;

export function getHarmModel(manifestPath?: string): HarmModel {
  const key = manifestPath ?? '<default>';
  if (model === undefined || loadedFrom !== key) {
    model = loadHarmModel(manifestPath);
    loadedFrom = key;
  }
  return model;
}

/** The category heads and word lists read at most this much of the finding's window. */
const MAX_CATEGORY_TEXT = 8192;

const reported = (score: number): number => Math.round(score * 1e4) / 1e4;

export function scanHarmful(
  text: string,
  stage: Stage,
  trust: Trust,
  options: HarmfulOptions = {},
): ScannerFinding[] {
  if (trust === 'system' || text.trim().length === 0) return [];
  // On input only the user's own words are a request; on output every answer segment is read.
  if (stage !== 'output' && trust !== 'user') return [];
  const m = getHarmModel(options.modelPath);
  const head = stage === 'output' ? 'output' : 'input';
  const threshold =
    (head === 'output' ? options.outputThreshold : options.threshold) ?? m.manifest.heads[head].threshold;
  const s = m.score(text, head);
  if (!(s.score >= threshold)) return [];
  const category = m.category(text.slice(s.span[0], Math.min(s.span[1], s.span[0] + MAX_CATEGORY_TEXT)));
  return [
    {
      category: `harmful.${category}`,
      score: reported(s.score),
      span: s.span,
      message:
        head === 'output'
          ? 'The answer reads as complying with a harmful request (learned detector).'
          : 'The text reads as a request for harmful content (learned detector).',
      signals: [`harmful.${head}`],
    },
  ];
}

export const harmful = {
  name: 'harmful',
  stages: ['input', 'output'],
  cost: 'model',
  description:
    'harmful requests on input and compliant harmful answers on output, per MLCommons hazard category',
  options: HarmfulOptions,
  // Load and verify the packaged weights when a guard is created, not inside the first request's time budget.
  warmUp: () => void getHarmModel(),
  scan: (text, ctx) => scanHarmful(text, ctx.stage, ctx.trust, ctx.options),
} satisfies Scanner<HarmfulOptions>;
