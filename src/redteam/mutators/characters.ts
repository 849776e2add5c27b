// Character-level disguises that leave the text readable to a model: leetspeak, look-alike letters from
// other scripts, invisible characters between letters, and Unicode tag characters that hide a whole
// payload. Protected values (the marker, URLs, e-mails) are never touched, except by tag smuggling, which
// hides everything and relies on the model to read the tags.
import type { Prng } from '../rng.js';
import { mapUnprotected, type Mutator } from './types.js';

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', g: '9', b: '8' };

/** Latin letters and look-alikes from Cyrillic and Greek that TR39 folds back to the same letter. */
export const HOMOGLYPHS: Record<string, readonly string[]> = {
  a: ['\u0430'],
  c: ['\u0441'],
  e: ['\u0435'],
  o: ['\u043E', '\u03BF'],
  p: ['\u0440'],
  x: ['\u0445'],
  y: ['\u0443'],
  i: ['\u0456'],
  j: ['\u0458'],
  s: ['\u0455'],
  A: ['\u0410', '\u0391'],
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041D', '\u0397'],
  K: ['\u041A', '\u039A'],
  M: ['\u041C', '\u039C'],
  O: ['\u041E', '\u039F'],
  P: ['\u0420', '\u03A1'],
  T: ['\u0422', '\u03A4'],
  X: ['\u0425', '\u03A7'],
};

export const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060'] as const;
const ZERO_WIDTH_RE = /[\u200B-\u200D\u2060]/gu;
export const removeZeroWidth = (s: string): string => s.replace(ZERO_WIDTH_RE, '');

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Replaces characters `swap` offers a replacement for, each with probability `p`; if none was replaced but
 * one could be, the first is, so the output always differs from an input that has a candidate.
 */
function substitute(text: string, rng: Prng, p: number, swap: (ch: string) => string | undefined): string {
  let out = '';
  let changed = false;
  let firstAt = -1;
  let firstSub = '';
  for (const ch of text) {
    const sub = swap(ch);
    if (sub !== undefined && rng.next() < p) {
      out += sub;
      changed = true;
    } else {
      if (sub !== undefined && firstAt < 0) {
        firstAt = out.length;
        firstSub = sub;
      }
      out += ch;
    }
  }
  if (!changed && firstAt >= 0) out = out.slice(0, firstAt) + firstSub + out.slice(firstAt + 1);
  return out;
}

export const leetspeak: Mutator = {
  name: 'leetspeak',
  kind: 'obfuscation',
  description: 'Swaps some letters for look-alike digits (e→3, o→0, s→5, ...).',
  apply: (text, rng, protect) =>
    mapUnprotected(text, protect, (s) => substitute(s, rng, 0.5, (ch) => LEET[ch.toLowerCase()])),
};

export const homoglyphs: Mutator = {
  name: 'homoglyphs',
  kind: 'obfuscation',
  description: 'Replaces some Latin letters with Cyrillic or Greek look-alikes (о for o, Е for E, ...).',
  apply: (text, rng, protect) =>
    mapUnprotected(text, protect, (s) =>
      substitute(s, rng, 0.4, (ch) => {
        const options = HOMOGLYPHS[ch];
        return options ? options[rng.int(options.length)] : undefined;
      }),
    ),
};

export const zeroWidth: Mutator = {
  name: 'zero_width',
  kind: 'obfuscation',
  description: 'Inserts invisible zero-width characters between letters, splitting every keyword.',
  apply: (text, rng, protect) =>
    mapUnprotected(text, protect, (s) => {
      let out = '';
      let inserted = false;
      for (let i = 0; i < s.length; i++) {
        out += s[i]!;
        const between =
          isAsciiLetter(s.charCodeAt(i)) && i + 1 < s.length && isAsciiLetter(s.charCodeAt(i + 1));
        if (between && (rng.next() < 0.35 || (!inserted && i + 2 >= s.length))) {
          out += ZERO_WIDTH[rng.int(ZERO_WIDTH.length)]!;
          inserted = true;
        }
      }
      return out;
    }),
};

const TAG_BASE = 0xe0000;

/** Printable ASCII as invisible tag characters; tabs and newlines become a tag space; other text stays. */
export function toTags(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) out += String.fromCodePoint(TAG_BASE + c);
    else if (c === 0x0a || c === 0x09 || c === 0x0d) out += String.fromCodePoint(TAG_BASE + 0x20);
    else out += text[i]!;
  }
  return out;
}

/** Reads tag characters back as ASCII (for tests and reports); everything else is dropped. */
export function fromTags(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= TAG_BASE + 0x20 && cp <= TAG_BASE + 0x7e) out += String.fromCharCode(cp - TAG_BASE);
  }
  return out;
}

const TAG_COVERS = [
  'Hi! Quick question, see below.',
  'Thanks for your help today.',
  'Please read my note carefully.',
  'Hello there',
];

export const tagSmuggling: Mutator = {
  name: 'tag_smuggling',
  kind: 'encoding',
  description: 'Hides the payload in invisible Unicode tag characters (U+E0020–U+E007E) after a benign line.',
  apply: (text, rng) => `${TAG_COVERS[rng.int(TAG_COVERS.length)]!} ${toTags(text)}`,
};
