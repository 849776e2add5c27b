// Option schemas of the scanners that take options, checked when the policy loads: a misspelt or
// out-of-range option is a POLICY_INVALID error naming its line, never a silently ignored setting.
import { z } from 'zod';
import { HarmfulOptions } from '../scanners/harmful.js';
import { OnnxClassifierOptions } from '../scanners/onnx-classifier.js';
import { PiiConfig } from '../scanners/pii.js';

const SecretsOptions = z
  .object({
    /** Minimum Shannon entropy (bits/char) of a value in a generic `password=` style assignment. */
    entropyMin: z.number().min(0).max(8).optional(),
    /** Stripe publishable keys are public by design; false reports them at a low score. */
    allowPublishable: z.boolean().optional(),
    /** The keyword-gated generic assignment rule. */
    generic: z.boolean().optional(),
  })
  .strict();

const ExfilLinksOptions = z
  .object({
    /** Registrable domains (subdomains included), `*.host`, or exact hosts that links may point to. */
    allowHosts: z.array(z.string().min(1).max(253)).max(10_000).optional(),
    /** Auto-loading images to unlisted hosts are findings even without data in the URL. */
    blockAllImages: z.boolean().optional(),
    maxLinks: z.number().int().min(1).max(100_000).optional(),
    minParamLength: z.number().int().min(4).max(8192).optional(),
    entropyMin: z.number().min(0).max(16).optional(),
    maxParams: z.number().int().min(0).max(1000).optional(),
  })
  .strict();

const SystemPromptLeakOptions = z
  .object({
    /** Share of the system prompt's word n-grams that must appear in the output. */
    threshold: z.number().min(0.01).max(1).optional(),
    ngram: z.number().int().min(2).max(12).optional(),
    minNgrams: z.number().int().min(1).max(10_000).optional(),
    absoluteNgrams: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

const InjectionModelOptions = z
  .object({
    /** Calibrated-probability threshold; overrides the manifest's (chosen for 1% FPR on dev). */
    threshold: z.number().min(0).max(1).optional(),
    /** Path of a manifest (models/injection-v1.json by default). */
    modelPath: z.string().min(1).max(4096).optional(),
  })
  .strict();

const NoOptions = z.object({}).strict();

export const SCANNER_OPTION_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'injection-rules': NoOptions,
  'injection-model': InjectionModelOptions,
  secrets: SecretsOptions,
  pii: PiiConfig,
  'pii-ner': PiiConfig,
  canary: NoOptions,
  'system-prompt-leak': SystemPromptLeakOptions,
  'exfil-links': ExfilLinksOptions,
  'onnx-classifier': OnnxClassifierOptions,
  harmful: HarmfulOptions,
};
