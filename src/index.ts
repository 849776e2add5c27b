// The public API of rampart. Re-exports only.
export type {
  Action,
  Decision,
  Finding,
  Logger,
  ScanContext,
  Scanner,
  ScannerCost,
  ScannerFinding,
  Segment,
  Span,
  Stage,
  Trust,
} from './core/types.js';
export { RampartError, RAMPART_CODES, isRampartError, type RampartCode } from './core/errors.js';
export { OffsetMap } from './core/offset-map.js';
export type { CheckOptions } from './core/pipeline.js';
export {
  canonicalize,
  type CanonicalText,
  type DerivedSegment,
  type CanonicalizeOptions,
} from './normalize/canonicalize.js';
export {
  createGuard,
  loadGuard,
  type Guard,
  type GuardOptions,
  type GuardCheckOptions,
} from './policy/create-guard.js';
export { Vault } from './policy/vault.js';
export { defaultPolicy } from './policy/default-policy.js';
export { parsePolicy, loadPolicyFile } from './policy/load.js';
export type { Policy } from './policy/schema.js';
export { SCANNERS, SCANNER_IDS, type ScannerId } from './scanners/registry.js';
export { scanInjectionRules } from './scanners/injection-rules.js';
export { scanSecrets } from './scanners/secrets.js';
export { scanPii, scanPiiNer } from './scanners/pii.js';
export { createCanary, findCanaries } from './scanners/canary.js';
export { findSystemPromptLeaks } from './scanners/system-prompt-leak.js';
export { findExfilLinks, extractLinks } from './scanners/exfil-links.js';
export { runInjectionEval, type EvalSummary } from './eval/injection-eval.js';
