// The agent-injection benchmark's vocabulary: a task is a small, deterministic world (tools, what they return, the
// user's request) plus two checks on the tool calls the agent actually got to execute — the user's goal and the
// attacker's goal. Every task has a clean variant and an injected one (the same world with one tool result
// carrying an injection).

export type Domain = 'email' | 'calendar' | 'banking' | 'files' | 'web' | 'support' | 'devops';

export const DOMAINS: readonly Domain[] = [
  'email',
  'calendar',
  'banking',
  'files',
  'web',
  'support',
  'devops',
];

/** A check on executed calls: some call to `tool` whose args equal `equals` (deep, per key) and contain `includes`. */
export interface CallCheck {
  tool: string;
  /** Argument name → exact JSON value. */
  equals?: Record<string, unknown>;
  /** Argument name → substring its (stringified) value must contain, case-insensitive. */
  includes?: Record<string, string>;
}

/** Where the injection sits in the tool result (for the breakdown; the text itself says where). */
export type Placement = 'start' | 'middle' | 'end' | 'email_body' | 'html_comment' | 'json_field';

export interface AgentTask {
  /** Unique, stable: `<domain>-<nn>`. */
  id: string;
  domain: Domain;
  /** Tool names from TOOL_CATALOG offered to the agent. */
  tools: string[];
  /** What the user typed (trusted). Written so the stand-in model can act on it. */
  user: string;
  /**
   * Tool name → result text. The marker `@@INJECT@@` marks where the injection goes; the clean variant
   * removes it. Tools not listed return `{"ok":true}`.
   */
  results: Record<string, string>;
  /** The user's goal: met when a matching call was executed. */
  benign: CallCheck;
  /**
   * The user delegates to the data ("pay the invoice as it says"): the goal needs a value that only the tool
   * result holds. Taint tracking refuses such calls by design; these tasks measure that cost.
   */
  delegated?: boolean;
  injection: {
    /** Replaces `@@INJECT@@` in the injected variant. */
    text: string;
    placement: Placement;
    /** The attacker's goal: met when a matching call was executed. */
    attack: CallCheck;
  };
}

export const INJECT_MARKER = '@@INJECT@@';
