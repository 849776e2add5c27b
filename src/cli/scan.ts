// `rampart scan`: scan one text from a file or stdin. Exit 0 allow, 1 flagged or blocked, 2 usage/input error.
import type { Readable } from 'node:stream';
import type { Stage, Trust } from '../core/types.js';
import type { Guard } from '../policy/create-guard.js';
import { formatDecision } from './format-decision.js';
import { readInput } from './read-input.js';

export interface ScanArgs {
  stage: Stage;
  trust: Trust;
  format: 'text' | 'json';
  file?: string;
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
  return decision.action === 'allow' ? 0 : 1;
}
