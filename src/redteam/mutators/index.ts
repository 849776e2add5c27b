// The mutator registry: one table, so a mutator name in a plan is checked against it and a typo is an
// error, not a silently skipped mutator.
import { RampartError } from '../../core/errors.js';
import type { Prng } from '../rng.js';
import { homoglyphs, leetspeak, tagSmuggling, zeroWidth } from './characters.js';
import { base64, hex, reverse, rot13Wrap } from './encodings.js';
import type { Mutator } from './types.js';
import { fakeDelimiters, languageSwitch, markdown, padding, payloadSplit } from './wrappers.js';

export type { Mutator, MutatorKind } from './types.js';

export const MUTATORS = {
  base64,
  hex,
  rot13: rot13Wrap,
  reverse,
  leetspeak,
  homoglyphs,
  zero_width: zeroWidth,
  tag_smuggling: tagSmuggling,
  payload_split: payloadSplit,
  language_switch: languageSwitch,
  markdown,
  fake_delimiters: fakeDelimiters,
  padding,
} as const satisfies Record<string, Mutator>;

export type MutatorName = keyof typeof MUTATORS;
export const MUTATOR_NAMES = Object.keys(MUTATORS) as MutatorName[];

export const isMutatorName = (name: string): name is MutatorName => Object.hasOwn(MUTATORS, name);

export function getMutator(name: string): Mutator {
  if (!isMutatorName(name)) throw new RampartError('CONFIG_INVALID', `unknown mutator "${name}"`);
  return MUTATORS[name];
}

/**
 * Applies a chain left to right. A sensible chain changes characters first, encodes at most once, and
 * wraps last (e.g. homoglyphs → base64 → fake_delimiters): a character mutator after an encoding would
 * corrupt the encoded blob. `checkChain` enforces that order.
 */
export function applyMutators(
  text: string,
  names: readonly string[],
  rng: Prng,
  protect?: readonly string[],
): string {
  let out = text;
  for (const n of names) out = getMutator(n).apply(out, rng, protect);
  return out;
}

const RANK = { obfuscation: 0, encoding: 1, wrapper: 2 } as const;

/** Why a chain would defeat its own purpose, or undefined when it is coherent. */
export function checkChain(names: readonly string[]): string | undefined {
  let rank = 0;
  let encodings = 0;
  const seen = new Set<string>();
  for (const n of names) {
    const m = getMutator(n);
    if (seen.has(n)) return `mutator "${n}" appears twice`;
    seen.add(n);
    if (RANK[m.kind] < rank)
      return `"${n}" (${m.kind}) after an ${m.kind === 'obfuscation' ? 'encoding or wrapper' : 'wrapper'} would garble it`;
    rank = RANK[m.kind];
    if (m.kind === 'encoding' && ++encodings > 1) return 'at most one encoding per chain';
  }
  return undefined;
}
