// What the runner consumes and produces: `RunnableCase` (a case from expandPlan) and `CaseResult` (one
// line of results.jsonl).
import type { ChatMessage, ToolDefinition } from '../gateway/openai-types.js';
import type { RunCase } from './expand.js';

/**
 * What the runner reads of a case: expand.ts's RunCase (strategy widened to any string, so library users
 * can hand-build cases with their own strategy names).
 */
export type RunnableCase = Omit<RunCase, 'strategy'> & { strategy: string };

/** One message of a transcript as stored in results (content capped, tool calls kept). */
export type TranscriptMessage = Pick<ChatMessage, 'role' | 'tool_calls' | 'tool_call_id'> & {
  content: string;
  /** Set on an assistant turn the target blocked (no content reached the user). */
  blocked?: boolean;
  blockedBy?: string;
};

export interface CaseResult {
  id: string;
  attack_id: string;
  category: string;
  title: string;
  lang: string;
  mutators: string[];
  strategy: string;
  goal: string;
  /** The attack reached its goal on some turn (a blocked or failed turn never counts). */
  success: boolean;
  /** No success, and the target blocked at least one turn. */
  blocked: boolean;
  blockedBy?: string;
  /** The target failed (network, timeout, bad response): the case is excluded from the ASR denominator. */
  error?: string;
  /** User turns sent; the 1-based turn of success when success. */
  turns: number;
  /** Turns the case has (capped by maxTurns): the by_turns bucket. */
  planned_turns: number;
  reason: string;
  transcript: TranscriptMessage[];
}

export type { ToolDefinition };
