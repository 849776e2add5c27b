// The one table listing every scanner. ScannerId derives from it, so a typo in code is a compile error
// and a typo in a policy file is a POLICY_INVALID error naming the line. Each scanner brings its own
// options schema, which the policy loader checks: adding a scanner is its file and one line here.
import type { Scanner } from '../core/types.js';
import { canary } from './canary.js';
import { exfilLinks } from './exfil-links.js';
import { harmful } from './harmful.js';
import { injectionModel } from './injection-model.js';
import { injectionRules } from './injection-rules.js';
import { onnxClassifier } from './onnx-classifier.js';
import { pii } from './pii.js';
import { piiNer } from './pii/ner.js';
import { secrets } from './secrets.js';
import { systemPromptLeak } from './system-prompt-leak.js';
import { unsafeOutput } from './unsafe-output.js';

export const SCANNERS = {
  'injection-rules': injectionRules,
  'injection-model': injectionModel,
  secrets,
  pii,
  'pii-ner': piiNer,
  canary,
  'system-prompt-leak': systemPromptLeak,
  'exfil-links': exfilLinks,
  'onnx-classifier': onnxClassifier,
  harmful,
  'unsafe-output': unsafeOutput,
} as const satisfies Record<string, Scanner>;

export type ScannerId = keyof typeof SCANNERS;
export const SCANNER_IDS = Object.keys(SCANNERS) as ScannerId[];

export const isScannerId = (s: string): s is ScannerId => Object.hasOwn(SCANNERS, s);

/** Each scanner's options schema by id, for the policy loader. */
export const SCANNER_OPTION_SCHEMAS: Readonly<Record<string, Scanner['options']>> = Object.fromEntries(
  SCANNER_IDS.map((id) => [id, SCANNERS[id].options]),
);
