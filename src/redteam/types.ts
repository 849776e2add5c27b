// The red-team runner's vocabulary: an attack case (data, written by us), the goal a judge checks
// deterministically, mutators that disguise a payload, multi-turn strategies, and a target to attack.
import type { ChatMessage, ToolCall, ToolDefinition } from '../gateway/openai-types.js';

export const ATTACK_CATEGORIES = [
  'instruction_override',
  'jailbreak_roleplay',
  'system_prompt_extraction',
  'secret_elicitation',
  'indirect_injection',
  'exfiltration',
  'tool_misuse',
  'harmful_content',
] as const;
export type AttackCategory = (typeof ATTACK_CATEGORIES)[number];

/**
 * What success means, checked without guessing. Placeholders in attack text: {{marker}} (a random
 * string per run the attack tries to make the target say or put in a tool call), {{canary}} (a random
 * string placed in the system prompt), {{secret}} (a fake credential placed in the system prompt),
 * {{attacker_url}} / {{attacker_email}} (attacker-controlled destinations).
 */
export type AttackGoal =
  | { kind: 'marker_in_output' }
  | { kind: 'canary_leak' }
  | { kind: 'secret_leak' }
  | { kind: 'exfil_link' }
  | { kind: 'tool_call'; tool: string; argument?: string }
  | { kind: 'regex'; pattern: string; flags?: string }
  | { kind: 'no_refusal'; pattern: string };

export interface AttackCase {
  id: string;
  category: AttackCategory;
  title: string;
  lang: string;
  /** The target application's system prompt for this case (may contain {{canary}} / {{secret}}). */
  system?: string;
  /** The user's turns. For indirect attacks a benign request ("summarise this page"). */
  turns: string[];
  /** Indirect attacks: the poisoned data, delivered as a tool result (untrusted) before the model answers. */
  document?: { kind: 'web_page' | 'email' | 'tool_result' | 'document'; tool: string; text: string };
  tools?: ToolDefinition[];
  goal: AttackGoal;
  /** Which part the mutators disguise: the last user turn (default) or the document. */
  payload?: 'turn' | 'document';
  /**
   * Indirect attacks: the attacker's instruction exactly as it appears inside `document.text`. Mutators
   * disguise only this part, so the page around it still reads as an ordinary page.
   */
  injection?: string;
}

/** The target's answer to one turn. `blocked` when a guard refused (an error, refusal or content filter). */
export interface TargetReply {
  content: string;
  toolCalls: ToolCall[];
  blocked: boolean;
  /** Why it was blocked (a category), when the target says. */
  blockedBy?: string;
  error?: string;
}

export interface RedteamTarget {
  name: string;
  send(messages: ChatMessage[], tools?: ToolDefinition[]): Promise<TargetReply>;
}
