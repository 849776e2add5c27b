// Seeds for the red-team runner: a run is reproducible from one number, and each case draws from its own
// stream (derived from the seed and the case's id) so adding or removing a case never shifts the others.
import { mulberry32, type Prng } from '../model/prng.js';

export { mulberry32, type Prng };

/** FNV-1a over the parts: a stable 32-bit seed for a (run seed, label) pair. */
export function seedFrom(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.map(String).join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A PRNG for one labelled use of the run seed. */
export const rngFor = (seed: number, ...labels: ReadonlyArray<string | number>): Prng =>
  mulberry32(seedFrom(seed, ...labels));

/** `length` characters drawn from `alphabet`. */
export function randomToken(rng: Prng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)]!;
  return out;
}
