// The typed error the framework integrations (rampart/ai-sdk, rampart/langchain) throw when the policy or
// the tool firewall stops a model call. It names the stage, the action and the categories; it never carries
// the text that was checked (finding messages name what matched by category, not by quoting it).
import { isStopping } from '../core/actions.js';
import { RampartError } from '../core/errors.js';
import type { Action, Decision, Stage } from '../core/types.js';

/** The categories of the findings that stopped `d` (those whose action stops), deduplicated. */
export function stoppingCategories(d: Decision): string[] {
  return [...new Set(d.findings.filter((f) => isStopping(f.action)).map((f) => f.category))];
}

export class RampartBlockedError extends RampartError {
  readonly stage: Stage;
  /** `block`, or `require_approval` when a person could allow it (a tool call the firewall holds). */
  readonly action: Action;
  readonly categories: string[];
  /** The tool whose call was stopped, for a tool-call decision. */
  readonly tool?: string;

  constructor(
    readonly decision: Decision,
    options: { tool?: string } = {},
  ) {
    const categories = stoppingCategories(decision);
    const what =
      decision.stage === 'tool_call'
        ? `tool call${options.tool ? ` "${options.tool.slice(0, 64)}"` : ''}`
        : decision.stage;
    super(
      'CONTENT_BLOCKED',
      `Rampart ${decision.action === 'require_approval' ? 'holds for approval' : 'blocked'} this ${what} (${categories.join(', ') || 'policy'})`,
    );
    this.name = 'RampartBlockedError';
    this.stage = decision.stage;
    this.action = decision.action;
    this.categories = categories;
    if (options.tool !== undefined) this.tool = options.tool;
  }
}

export const isRampartBlockedError = (e: unknown): e is RampartBlockedError =>
  e instanceof RampartBlockedError;
