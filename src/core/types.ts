// The shared vocabulary of Rampart. Nothing here imports anything of ours; from npm only zod's types (a
// scanner's options schema is a zod schema), which vanish at run time.
import type { z } from 'zod';

/** Who authored a piece of text. Untrusted text (tool output, retrieved documents, web pages) is data: it must never instruct. */
export type Trust = 'system' | 'user' | 'untrusted';

/** Where in the request/response flow a check runs. */
export type Stage = 'input' | 'output' | 'retrieval' | 'tool_call' | 'tool_result';
export const STAGES: readonly Stage[] = ['input', 'output', 'retrieval', 'tool_call', 'tool_result'];
export const TRUSTS: readonly Trust[] = ['system', 'user', 'untrusted'];

export interface Segment {
  text: string;
  trust: Trust;
  role?: string;
  source?: string;
}

/** A half-open range [start, end) of UTF-16 code units. */
export type Span = readonly [number, number];

export interface Finding {
  /** Scanner that produced it, e.g. 'injection-rules'. */
  scanner: string;
  /** Stable dotted category, e.g. 'prompt_injection.override', 'evasion.tag_characters'. */
  category: string;
  /** 0..1 confidence. */
  score: number;
  /** Span in the ORIGINAL text of the segment (mapped back through canonicalization). */
  span?: Span;
  /** Index of the segment the finding belongs to, when the check had several. */
  segment?: number;
  /** Human sentence; never contains the scanned text or a secret. */
  message: string;
  /** Rule or signal identifiers that fired (never text from the input). */
  signals?: string[];
  /** Set when the finding came from decoded content (e.g. 'base64', 'base64>hex'). */
  via?: string;
  /** What the policy says to do about this finding alone (the decision's action is the worst of these). */
  action?: Action;
}

export type Action = 'allow' | 'flag' | 'redact' | 'block' | 'require_approval';
/** Severity order used to combine actions: the worst one wins. */
export const ACTION_SEVERITY: Readonly<Record<Action, number>> = {
  allow: 0,
  flag: 1,
  redact: 2,
  require_approval: 3,
  block: 4,
};

export interface Decision {
  action: Action;
  stage: Stage;
  findings: Finding[];
  /** Rewritten text after redaction, when the check had one segment. */
  text?: string;
  /** Rewritten segments after redaction, when the check had several. */
  segments?: Segment[];
  /** Milliseconds per scanner, plus 'canonicalize' and 'total'. */
  timingsMs: Record<string, number>;
  /** Scanners that did not run, and why (an earlier scanner already blocked, or nothing applied). */
  skipped?: Array<{ scanner: string; reason: 'blocked_earlier' | 'no_applicable_segment' }>;
}

export interface Logger {
  warn(obj: Record<string, unknown>, msg?: string): void;
  debug?(obj: Record<string, unknown>, msg?: string): void;
}

export interface ScanContext<O = unknown> {
  stage: Stage;
  trust: Trust;
  /** The segment's original text (before canonicalization); spans returned by scanners refer to the text they were given. */
  original: string;
  /** The scanner's options: its `options` schema's output for the policy's `scanners.<name>.options`. */
  options: O;
  /** Canary tokens issued for this conversation (output leak detection); never logged. */
  canaries: readonly string[];
  /** The application's own system prompt(s), for leak-similarity checks; never logged. */
  systemPrompts: readonly string[];
  log: Logger;
  /**
   * Set when the check stops at its first blocking verdict (the policy's collect_all: false): whether a
   * finding of this category and score from this scanner would block it. A scanner may then report its first
   * such finding instead of searching on for the strongest one: the verdict is the same.
   */
  blocks?: (category: string, score: number) => boolean;
  /**
   * One check's scratch space, shared by its scanners and gone when the check ends: a scanner keeps results
   * there that another one reads (the rule scanner's findings per text, which the model takes as features),
   * under a key named after the scanner that wrote them.
   */
  memo?: Map<string, unknown>;
}

export type ScannerCost = 'cheap' | 'model' | 'remote';

/** Findings returned by a scanner carry spans in the text it was given; the guard maps them back. */
export type ScannerFinding = Omit<Finding, 'scanner' | 'segment' | 'action'>;

export interface Scanner<O = unknown> {
  name: string;
  /** One line: what the scanner finds. */
  description: string;
  /**
   * The scanner's options (`scanners.<name>.options` in a policy). The policy loader parses them with this
   * schema once, so an unknown key or a value out of range is POLICY_INVALID naming its file:line:column,
   * and hands the output, typed, to `scan` (as `ctx.options`) and `prepare`. A scanner without options
   * uses `z.object({}).strict()`.
   */
  options: z.ZodType<O>;
  stages: readonly Stage[];
  cost: ScannerCost;
  /** Trust levels the scanner applies to; absent means all. */
  trusts?: readonly Trust[];
  scan(text: string, ctx: ScanContext<O>): readonly ScannerFinding[] | Promise<readonly ScannerFinding[]>;
  /**
   * One-time preparation (building and compiling tables) run when a guard is created, so the first request
   * does not pay it inside the scanner's time budget (a loaded machine once timed a first scan out).
   */
  warmUp?(): void;
  /**
   * Called when a guard is created, with the scanner's parsed options and the names of the scanners in the same
   * stage: throws POLICY_INVALID for a setting that cannot work (a missing optional package, a cascade without
   * its first stage) so the guard fails to build rather than fail every request, and may start loading weights.
   */
  prepare?(options: O, stageScanners: readonly string[]): void;
}
