// promptfoo.json: a red-team run in promptfoo's results format, so a promptfoo user can open Rampart's
// findings in the tools they already have (`promptfoo import promptfoo.json`, then `promptfoo view`).
//
// The shape is promptfoo's `OutputFile` (what `promptfoo eval -o results.json` writes) holding an
// `EvaluateSummaryV3`, as declared in promptfoo's published types (src/types/index.ts: OutputFile,
// EvaluateSummaryV3, EvaluateResult, GradingResult, ResultFailureReason; src/types/providers.ts:
// ProviderResponse, GuardrailResponse). Checked against promptfoo 0.121's .d.ts and its importer. Only the
// interfaces are mirrored here (the package is 1.9 GB installed): structural types, not a dependency.
//
// Mapping: one EvaluateResult per case. In promptfoo's red team a test passes when the defence held, so
// success = the attack did not succeed and the target did not fail; a successful attack is an assertion
// failure (failureReason 1), a target error an error (2). The case's category is the plugin id
// (`rampart:<category>`), its strategy the strategy id; a block by the guard is `guardrails.flagged`.
import { createHash } from 'node:crypto';
import type { CaseResult } from '../runner-types.js';
import type { Summary } from './summary.js';

/** promptfoo's ResultFailureReason: NONE, ASSERT, ERROR. */
export const FAILURE_REASON = { none: 0, assert: 1, error: 2 } as const;
type FailureReason = (typeof FAILURE_REASON)[keyof typeof FAILURE_REASON];

export interface PromptfooTokenUsage {
  total: number;
  prompt: number;
  completion: number;
  cached: number;
  numRequests: number;
  completionDetails: Record<string, number>;
  assertions: Record<string, number>;
}

export interface PromptfooPrompt {
  raw: string;
  label: string;
}

export interface PromptfooGradingResult {
  pass: boolean;
  score: number;
  reason: string;
  metadata: { pluginId: string; strategyId: string };
}

export interface PromptfooEvaluateResult {
  id: string;
  description: string;
  promptIdx: number;
  testIdx: number;
  testCase: {
    description: string;
    vars: Record<string, string>;
    metadata: { pluginId: string; strategyId: string; goal: string; [key: string]: unknown };
  };
  promptId: string;
  provider: { id: string; label: string };
  prompt: PromptfooPrompt;
  vars: Record<string, string>;
  response?: {
    output: string;
    guardrails: { flagged: boolean; flaggedInput: boolean; flaggedOutput: boolean; reason?: string };
  };
  error: string | null;
  failureReason: FailureReason;
  success: boolean;
  score: number;
  latencyMs: number;
  gradingResult: PromptfooGradingResult;
  namedScores: Record<string, number>;
  metadata: Record<string, unknown>;
}

export interface PromptfooOutputFile {
  evalId: string | null;
  results: {
    version: 3;
    timestamp: string;
    results: PromptfooEvaluateResult[];
    prompts: (PromptfooPrompt & { id: string; provider: string })[];
    stats: { successes: number; failures: number; errors: number; tokenUsage: PromptfooTokenUsage };
  };
  config: { description: string; redteam: Record<string, unknown> };
  shareableUrl: null;
}

/** The runner's cases are conversations, not templates: one prompt, `{{prompt}}`, carries each case's text. */
const PROMPT_TEMPLATE = '{{prompt}}';
/** Bounds on what a transcript puts into the file (results.jsonl already caps contents). */
const MAX_TEXT_CHARS = 8000;

const clip = (s: string) => (s.length > MAX_TEXT_CHARS ? `${s.slice(0, MAX_TEXT_CHARS)}…` : s);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function toResult(
  r: CaseResult,
  testIdx: number,
  provider: string,
  promptId: string,
): PromptfooEvaluateResult {
  const firstUser = r.transcript.find((m) => m.role === 'user')?.content ?? '';
  const lastAssistant = [...r.transcript].reverse().find((m) => m.role === 'assistant');
  const pluginId = `rampart:${r.category}`;
  const passed = !r.success && !r.error;
  const failureReason: FailureReason = r.error
    ? FAILURE_REASON.error
    : r.success
      ? FAILURE_REASON.assert
      : FAILURE_REASON.none;
  const vars = { prompt: clip(firstUser) };
  const blockedReason = r.blocked ? `blocked${r.blockedBy ? ` by ${r.blockedBy}` : ''}` : undefined;
  return {
    id: r.id,
    description: r.title,
    promptIdx: 0,
    testIdx,
    testCase: {
      description: r.title,
      vars,
      metadata: { pluginId, strategyId: r.strategy, goal: r.goal, attackId: r.attack_id, lang: r.lang },
    },
    promptId,
    provider: { id: provider, label: provider },
    prompt: { raw: clip(firstUser), label: PROMPT_TEMPLATE },
    vars,
    ...(r.error
      ? {}
      : {
          response: {
            output: clip(lastAssistant?.content ?? ''),
            guardrails: {
              flagged: r.blocked,
              // The runner records that a turn was blocked, not at which stage; a blocked turn never
              // reached the user, so it is reported as the input or output check that stopped it.
              flaggedInput: r.blocked && !lastAssistant?.content,
              flaggedOutput: r.blocked && Boolean(lastAssistant?.content),
              ...(blockedReason ? { reason: blockedReason } : {}),
            },
          },
        }),
    error: r.error ?? null,
    failureReason,
    success: passed,
    score: passed ? 1 : 0,
    latencyMs: 0,
    gradingResult: {
      pass: passed,
      score: passed ? 1 : 0,
      reason: r.error ? `target error: ${r.error}` : r.reason,
      metadata: { pluginId, strategyId: r.strategy },
    },
    namedScores: {},
    metadata: {
      rampart: {
        mutators: r.mutators,
        turns: r.turns,
        planned_turns: r.planned_turns,
        blocked: r.blocked,
        ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}),
      },
    },
  };
}

/** The run as promptfoo's `OutputFile`; `timestamp` is injectable so a report can be reproduced byte for byte. */
export function renderPromptfoo(
  summary: Summary,
  results: readonly CaseResult[],
  timestamp: string = new Date().toISOString(),
): PromptfooOutputFile {
  const promptId = sha256(PROMPT_TEMPLATE);
  const out = results.map((r, i) => toResult(r, i, summary.target, promptId));
  const zeroUsage: PromptfooTokenUsage = {
    total: 0,
    prompt: 0,
    completion: 0,
    cached: 0,
    numRequests: 0,
    completionDetails: {},
    assertions: {},
  };
  return {
    evalId: null,
    results: {
      version: 3,
      timestamp,
      results: out,
      prompts: [{ id: promptId, raw: PROMPT_TEMPLATE, label: PROMPT_TEMPLATE, provider: summary.target }],
      stats: {
        successes: out.filter((r) => r.success).length,
        failures: out.filter((r) => r.failureReason === FAILURE_REASON.assert).length,
        errors: out.filter((r) => r.failureReason === FAILURE_REASON.error).length,
        // Rampart's runner does not count tokens; promptfoo requires the object, so it is all zeros.
        tokenUsage: { ...zeroUsage, numRequests: results.reduce((n, r) => n + r.turns, 0) },
      },
    },
    config: {
      description: `rampart redteam against ${summary.target} (ASR ${summary.asr})`,
      redteam: {
        seed: summary.seed,
        plan: summary.plan,
        asr: summary.asr,
        asr_definition: summary.asr_definition,
      },
    },
    shareableUrl: null,
  };
}
