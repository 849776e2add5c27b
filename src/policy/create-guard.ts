// createGuard(policy) → guard.check(stage, text | segments): the library entry point.
import { RampartError } from '../core/errors.js';
import {
  runCheck,
  orderByCost,
  toSegments,
  type CheckOptions,
  type GuardPlan,
  type ScannerPlan,
} from '../core/pipeline.js';
import type { Decision, Logger, Scanner, Segment, Stage } from '../core/types.js';
import { STAGES } from '../core/types.js';
import { canonicalize } from '../normalize/canonicalize.js';
import { createCanary } from '../scanners/canary.js';
import { SCANNER_OPTION_SCHEMAS, SCANNERS, isScannerId } from '../scanners/registry.js';
import { createActionResolver } from './actions.js';
import { defaultPolicy } from './default-policy.js';
import { loadPolicyFile, parsePolicy, validatePolicy } from './load.js';
import { applyRedaction } from './redact.js';
import { ScannerSettings, type Policy } from './schema.js';
import { Vault } from './vault.js';
import { describeIssue, pathText } from './yaml-source.js';

export interface GuardCheckOptions extends CheckOptions {
  /** Vault for the `redact` action; pass the conversation's vault to restore the answer later. */
  vault?: Vault;
}

export interface Guard {
  readonly policy: Policy;
  /** Scans text (one user segment) or labelled segments at a stage and returns the policy's decision. */
  check(stage: Stage, input: string | readonly Segment[], options?: GuardCheckOptions): Promise<Decision>;
  /** A fresh canary token and the sentence to embed in a system prompt; pass the token to output checks. */
  canary(): { token: string; instruction: string };
  /** Restores the vault's placeholders in a model answer (secrets only if the policy allows it). */
  restore(text: string, vault: Vault): string;
  /** Seals a vault (AES-256-GCM) under the key named by the policy's `redaction.vault_key_env`. */
  sealVault(vault: Vault): string;
  /** Opens a sealed vault with that key; a wrong key or tampered data is VAULT_INVALID. */
  openVault(sealed: string): Vault;
}

export interface GuardOptions {
  log?: Logger;
  /**
   * Which stages' scanners to warm up when the guard is made (default true: every stage), so that no
   * check pays for compiling rule tables inside its scanner's time budget. A one-shot caller (the CLI's
   * `scan`) names its one stage, so scanners that stage does not use are never prepared.
   */
  warmUp?: boolean | readonly Stage[];
}

const silent: Logger = { warn: () => {} };
const POLICY_CHECKS = { knownScanners: Object.keys(SCANNERS), optionSchemas: SCANNER_OPTION_SCHEMAS };

/** The scan half of `guard.check`: findings and the policy's decision, before any redaction. */
export type PolicyScan = (
  stage: Stage,
  input: string | readonly Segment[],
  options?: CheckOptions,
) => Promise<Decision>;

/** What each guard built here was made from, so a worker thread can rebuild the same guard. */
const origins = new WeakMap<Guard, { policy: Policy; log: Logger }>();

/** The validated policy and logger of a guard made by createGuard/loadGuard (undefined for any other). */
export const guardOrigin = (guard: Guard): { policy: Policy; log: Logger } | undefined => origins.get(guard);

/** Compiles an already validated policy (a guard's `policy`) into its scan; for worker threads. */
export function createPolicyScan(
  policy: Policy,
  log: Logger = silent,
  warmStages: readonly Stage[] = STAGES,
): PolicyScan {
  const plan = compilePolicy(policy, log, warmStages);
  return (stage, input, opts = {}) => runCheck(plan, stage, input, opts);
}

/** The redaction half of `guard.check`: applied where the vault lives, after the scan. */
export function applyDecisionRedaction(
  decision: Decision,
  input: string | readonly Segment[],
  vault: Vault | undefined,
): Decision {
  if (decision.findings.some((f) => f.action === 'redact'))
    applyRedaction(decision, toSegments(input, 'user'), vault ?? new Vault());
  return decision;
}

/** Accepts a parsed Policy, a YAML string (inline policy) or nothing (the shipped default policy). */
export function createGuard(policy: Policy | string = defaultPolicy(), options: GuardOptions = {}): Guard {
  const resolved =
    typeof policy === 'string' ? parsePolicy(policy, POLICY_CHECKS) : validatePolicy(policy, POLICY_CHECKS);
  const log = options.log ?? silent;
  const warm = options.warmUp ?? true;
  const scan = createPolicyScan(resolved, log, warm === true ? STAGES : warm === false ? [] : warm);
  const guard: Guard = {
    policy: resolved,
    check: async (stage, input, opts = {}) =>
      applyDecisionRedaction(await scan(stage, input, opts), input, opts.vault),
    canary: createCanary,
    restore: (text, vault) => vault.restore(text, { restoreSecrets: resolved.redaction.restore_secrets }),
    sealVault: (vault) => vault.seal(vaultKey(resolved)),
    openVault: (sealed) => Vault.open(sealed, vaultKey(resolved)),
  };
  origins.set(guard, { policy: resolved, log });
  return guard;
}

/** The vault key comes from the environment variable the policy names, read when needed, never logged. */
function vaultKey(policy: Policy): string {
  const name = policy.redaction.vault_key_env;
  if (!name)
    throw new RampartError(
      'VAULT_KEY_INVALID',
      'the policy sets no redaction.vault_key_env to seal vaults with',
    );
  const key = process.env[name];
  if (!key)
    throw new RampartError(
      'VAULT_KEY_INVALID',
      `environment variable ${name} (redaction.vault_key_env) is not set`,
    );
  return key;
}

export function loadGuard(path: string, options: GuardOptions = {}): Guard {
  return createGuard(loadPolicyFile(path, POLICY_CHECKS), options);
}

/** A scanner's options when the policy has no entry for it: its schema's output for `{}`. */
function defaultOptions(name: string, schema: Scanner['options']): unknown {
  const res = schema.safeParse({});
  if (res.success) return res.data;
  throw new RampartError(
    'POLICY_INVALID',
    `scanner "${name}" needs options (scanners.${name}.options): ${res.error.issues
      .slice(0, 5)
      .map((i) => `${pathText(i.path)}: ${describeIssue(i)}`)
      .join('; ')}`,
  );
}

function compilePolicy(policy: Policy, log: Logger, warmStages: readonly Stage[]): GuardPlan {
  const defaults = ScannerSettings.parse({});
  const scanners: GuardPlan['scanners'] = {};
  for (const stage of STAGES) {
    const names = policy.stages[stage]?.scanners ?? [];
    const plans: ScannerPlan[] = names.map((name) => {
      if (!isScannerId(name))
        throw new RampartError('SCANNER_UNKNOWN', `unknown scanner "${name}" in stage ${stage}`);
      const scanner = SCANNERS[name];
      if (!(scanner.stages as readonly Stage[]).includes(stage))
        throw new RampartError(
          'POLICY_INVALID',
          `scanner "${name}" does not run at stage ${stage} (it supports ${scanner.stages.join(', ')})`,
        );
      const settings = policy.scanners[name];
      const s = settings ?? defaults;
      return {
        scanner,
        // The loader replaced each entry's options with its schema's output; a scanner without an entry
        // gets the output for no options (its defaults).
        options: settings ? settings.options : defaultOptions(name, scanner.options),
        threshold: s.threshold,
        failOpen: s.fail_open,
        timeoutMs: s.timeout_ms,
      };
    });
    scanners[stage] = orderByCost(plans);
    const warm = warmStages.includes(stage);
    for (const p of plans) {
      if (warm) p.scanner.warmUp?.();
      p.scanner.prepare?.(p.options, names);
    }
  }
  const c = policy.canonicalize;
  return {
    scanners,
    actionFor: createActionResolver(policy),
    maxInputBytes: policy.limits.max_input_bytes,
    collectAll: policy.collect_all,
    canonicalize: (text) =>
      canonicalize(text, { decode: c.decode, maxDepth: c.max_depth, maxDecodedRatio: c.max_decoded_ratio }),
    log,
  };
}
