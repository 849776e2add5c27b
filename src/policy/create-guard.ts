// createGuard(policy) → guard.check(stage, text | segments): the library entry point.
import { RampartError } from '../core/errors.js';
import { runCheck, orderByCost, type CheckOptions, type GuardPlan, type ScannerPlan } from '../core/pipeline.js';
import type { Decision, Logger, Segment, Stage } from '../core/types.js';
import { STAGES } from '../core/types.js';
import { canonicalize } from '../normalize/canonicalize.js';
import { SCANNERS, isScannerId } from '../scanners/registry.js';
import { createActionResolver } from './actions.js';
import { defaultPolicy } from './default-policy.js';
import { loadPolicyFile, parsePolicy } from './load.js';
import { ScannerSettings, type Policy } from './schema.js';

export interface Guard {
  readonly policy: Policy;
  /** Scans text (one user segment) or labelled segments at a stage and returns the policy's decision. */
  check(stage: Stage, input: string | readonly Segment[], options?: CheckOptions): Promise<Decision>;
}

export interface GuardOptions {
  log?: Logger;
}

const silent: Logger = { warn: () => {} };

/** Accepts a parsed Policy, a YAML string (inline policy) or nothing (the shipped default policy). */
export function createGuard(policy: Policy | string = defaultPolicy(), options: GuardOptions = {}): Guard {
  const resolved = typeof policy === 'string' ? parsePolicy(policy, { knownScanners: Object.keys(SCANNERS) }) : policy;
  const plan = compilePolicy(resolved, options.log ?? silent);
  return {
    policy: resolved,
    check: (stage, input, opts) => runCheck(plan, stage, input, opts),
  };
}

export function loadGuard(path: string, options: GuardOptions = {}): Guard {
  return createGuard(loadPolicyFile(path, { knownScanners: Object.keys(SCANNERS) }), options);
}

function compilePolicy(policy: Policy, log: Logger): GuardPlan {
  const defaults = ScannerSettings.parse({});
  const scanners: GuardPlan['scanners'] = {};
  for (const stage of STAGES) {
    const names = policy.stages[stage]?.scanners ?? [];
    const plans: ScannerPlan[] = names.map((name) => {
      if (!isScannerId(name)) throw new RampartError('SCANNER_UNKNOWN', `unknown scanner "${name}" in stage ${stage}`);
      const scanner = SCANNERS[name];
      if (!scanner.stages.includes(stage))
        throw new RampartError('POLICY_INVALID', `scanner "${name}" does not run at stage ${stage} (it supports ${scanner.stages.join(', ')})`);
      const s = policy.scanners[name] ?? defaults;
      return { scanner, options: s.options, threshold: s.threshold, failOpen: s.fail_open, timeoutMs: s.timeout_ms };
    });
    scanners[stage] = orderByCost(plans);
  }
  const c = policy.canonicalize;
  return {
    scanners,
    actionFor: createActionResolver(policy),
    maxInputBytes: policy.limits.max_input_bytes,
    collectAll: policy.collect_all,
    canonicalize: (text) => canonicalize(text, { decode: c.decode, maxDepth: c.max_depth, maxDecodedRatio: c.max_decoded_ratio }),
    log,
  };
}
