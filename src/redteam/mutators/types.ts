// A mutator disguises an attack's payload — the same request, written so a filter is less likely to see it.
// Mutators run on text whose placeholders are already filled, and are pure: the same text and PRNG state
// give the same output, so a run replays from its seed.
import type { Prng } from '../rng.js';

export type MutatorKind =
  /** Re-encodes the whole payload (base64, hex, rot13, ...): the model has to decode it first. */
  | 'encoding'
  /** Changes characters but keeps the reading (homoglyphs, zero-width, leetspeak). */
  | 'obfuscation'
  /** Surrounds the payload with other text (fake roles, padding, another language). */
  | 'wrapper';

export interface Mutator {
  name: string;
  kind: MutatorKind;
  description: string;
  /**
   * `protect`: exact strings (the filled marker, e-mail, URL) that character-level mutators must leave
   * intact, because the target has to reproduce them verbatim for the judge to recognise success.
   */
  apply(text: string, rng: Prng, protect?: readonly string[]): string;
}

export interface Piece {
  text: string;
  /** A protected value: copy it as it is. */
  keep: boolean;
}

/** Splits `text` into runs outside and inside protected values (leftmost, then longest, match wins). */
export function splitProtected(text: string, protect: readonly string[] = []): Piece[] {
  const values = protect.filter((p) => p.length > 0);
  if (values.length === 0) return [{ text, keep: false }];
  const out: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    let best = -1;
    let bestLen = 0;
    for (const v of values) {
      const i = text.indexOf(v, at);
      if (i >= 0 && (best < 0 || i < best || (i === best && v.length > bestLen))) {
        best = i;
        bestLen = v.length;
      }
    }
    if (best < 0) break;
    if (best > at) out.push({ text: text.slice(at, best), keep: false });
    out.push({ text: text.slice(best, best + bestLen), keep: true });
    at = best + bestLen;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}

/** Applies `f` to the unprotected runs only. */
export const mapUnprotected = (
  text: string,
  protect: readonly string[] | undefined,
  f: (s: string) => string,
) =>
  splitProtected(text, protect)
    .map((p) => (p.keep ? p.text : f(p.text)))
    .join('');
