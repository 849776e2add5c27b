// A strategy turns one attack case into the user turns of a conversation. The runner sends them one by one,
// keeps the target's replies in the conversation, and stops at the first turn whose reply meets the goal.
import type { Prng } from '../rng.js';
import type { AttackCase } from '../types.js';

export interface Strategy {
  name: string;
  description: string;
  /** Whether the strategy makes sense for the case (crescendo needs the payload in a user turn). */
  appliesTo(c: AttackCase): boolean;
  /**
   * The user turns, placeholders unfilled; the case's own turns come last and the final one carries the
   * payload. At most `maxTurns` turns, never fewer than the case's own.
   */
  turns(c: AttackCase, rng: Prng, maxTurns: number): string[];
}

/** Keeps `n` of `items` in their original order, chosen at random: escalation steps stay in sequence. */
export function orderedSample<T>(items: readonly T[], n: number, rng: Prng): T[] {
  if (n >= items.length) return [...items];
  const idx = rng.shuffle(items.map((_, i) => i)).slice(0, Math.max(0, n));
  return idx.sort((a, b) => a - b).map((i) => items[i]!);
}
