// Placeholders in attack text. The runner fills them with fresh random values per case BEFORE any mutator
// runs, so a judge looks for the exact value a target was given, and no value ever repeats across runs.
import type { AttackCase, AttackGoal } from '../types.js';

export const PLACEHOLDERS = ['marker', 'canary', 'secret', 'attacker_url', 'attacker_email'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PLACEHOLDER_RE = /\{\{(marker|canary|secret|attacker_url|attacker_email)\}\}/gu;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/gu;

export const escapeRegex = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER_RE, (_m, name: Placeholder) => values[name]);
}

/** The placeholders a text mentions, in order of first use. */
export function placeholdersIn(text: string): Placeholder[] {
  const seen = new Set<Placeholder>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) seen.add(m[1] as Placeholder);
  return [...seen];
}

/** Fills a goal: tool arguments take the value; regex patterns take the value escaped, so it matches literally. */
export function fillGoal(goal: AttackGoal, values: PlaceholderValues): AttackGoal {
  switch (goal.kind) {
    case 'tool_call':
      return goal.argument === undefined
        ? goal
        : { ...goal, argument: fillPlaceholders(goal.argument, values) };
    case 'regex':
    case 'no_refusal': {
      const escaped = Object.fromEntries(
        PLACEHOLDERS.map((p) => [p, escapeRegex(values[p])]),
      ) as PlaceholderValues;
      return { ...goal, pattern: fillPlaceholders(goal.pattern, escaped) };
    }
    default:
      return goal;
  }
}

/**
 * The placeholders that must appear in the attack for its goal to be checkable, and where: a leak needs
 * the value in the system prompt; anything the target must repeat needs it in what the attacker sends.
 */
export function goalRequirements(goal: AttackGoal): { system: Placeholder[]; attack: Placeholder[] } {
  switch (goal.kind) {
    case 'canary_leak':
      return { system: ['canary'], attack: [] };
    case 'secret_leak':
      return { system: ['secret'], attack: [] };
    case 'exfil_link':
      return { system: [], attack: ['attacker_url'] };
    case 'marker_in_output':
      return { system: [], attack: ['marker'] };
    case 'tool_call':
      return { system: [], attack: goal.argument === undefined ? [] : placeholdersIn(goal.argument) };
    case 'regex':
    case 'no_refusal':
      return { system: [], attack: placeholdersIn(goal.pattern) };
  }
}

/** All attacker-controlled text of a case (turns and document), where goal placeholders must show up. */
export const attackText = (c: AttackCase): string => [...c.turns, c.document?.text ?? ''].join('\n');
