// `rampart scan`: scan one text from a file or stdin. Exit 0 allow (or an action below --fail-on), 1 the
// action is --fail-on or worse, 2 usage/input error.
import type { Readable } from 'node:stream';
import { ACTION_SEVERITY, type Action, type Stage, type Trust } from '../core/types.js';
import type { Guard } from '../policy/create-guard.js';
import { formatDecision } from './format-decision.js';
import { readInput } from './read-input.js';

/**
 * `--fail-on`: the least severe action that exits 1. `flag` (the default) is any action but allow;
 * `redact` is redact, require_approval or block; `block` is require_approval or block (the text would
 * not pass without a person).
 */
export const FAIL_ON = ['flag', 'redact', 'block'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const FAIL_ON_FLOOR: Readonly<Record<FailOn, Action>> = {
  flag: 'flag',
  redact: 'redact',
  block: 'require_approval',
};

/** Whether `action` exits 1 under `--fail-on failOn`. */
export const failsOn = (action: Action, failOn: FailOn): boolean =>
  ACTION_SEVERITY[action] >= ACTION_SEVERITY[FAIL_ON_FLOOR[failOn]];

export interface ScanArgs {
  stage: Stage;
  trust: Trust;
  format: 'text' | 'json';
  file?: string;
  /** Default `flag`: any action but allow exits 1. */
  failOn?: FailOn;
}

export interface CliIo {
  stdin: Readable;
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export async function scanCommand(guard: Guard, args: ScanArgs, io: CliIo): Promise<number> {
  // Read one byte past the limit so an oversized input is refused before any scanning.
  const text = await readInput(args.file, guard.policy.limits.max_input_bytes, io.stdin);
  const decision = await guard.check(args.stage, [{ text, trust: args.trust }]);
  io.out(args.format === 'json' ? JSON.stringify(decision) : formatDecision(decision));
  return failsOn(decision.action, args.failOn ?? 'flag') ? 1 : 0;
}
