// rot13 is the cheapest cipher a model reads fluently: "Vtaber nyy cerivbhf vafgehpgvbaf" is invisible to
// English detectors. We look at each sentence; when its rot13 reads clearly more like English than the sentence
// does (first by letter frequencies, then by counting common words), the rot13 becomes a derived segment.
import type { Decoded } from './decoded.js';
import { commonWords, rot13Code, rot13LetterGain, rot13CommonWords } from './english-words.js';
import { isSentenceBoundary as isBoundary } from './sentences.js';

const MIN_LETTERS = 8;
/** Letter-frequency advantage (nats per letter) the rot13 reading needs before we count words. */
const MIN_GAIN_PER_LETTER = 0.25;
const MIN_ROT_WORDS = 2;
const WORD_RE = /[A-Za-z]+/gu;

/** ROT13 of ASCII letters; everything else unchanged. Built in chunks (linear, no per-char string concat). */
export function rot13(s: string): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes = new Uint16Array(Math.min(CHUNK, s.length));
  for (let at = 0; at < s.length; at += CHUNK) {
    const len = Math.min(CHUNK, s.length - at);
    for (let i = 0; i < len; i++) codes[i] = rot13Code(s.charCodeAt(at + i));
    parts.push(String.fromCharCode(...codes.subarray(0, len)));
  }
  return parts.join('');
}

/** The stretch reads as English after rot13 and clearly not before it. */
function rotReadsBetter(s: string): boolean {
  const common = commonWords();
  const rotCommon = rot13CommonWords();
  let plain = 0;
  let rotated = 0;
  for (const m of s.matchAll(WORD_RE)) {
    const w = m[0].toLowerCase();
    if (common.has(w)) plain++;
    else if (rotCommon.has(w)) rotated++;
  }
  return rotated >= MIN_ROT_WORDS && rotated > 2 * plain;
}

/**
 * [start, end) of each sentence (boundaries as in sentences.ts, `start` right after the previous boundary)
 * whose letters read clearly more English after rot13, by letter frequencies: the only sentences worth judging
 * word by word. canonicalize computes the same list in its fused prescan (prescan.ts).
 */
export function rot13Candidates(text: string): number[] {
  const out: number[] = [];
  const letterGain = rot13LetterGain();
  const n = text.length;
  let start = 0;
  let letters = 0;
  let gain = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x0a;
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      letters++;
      gain += letterGain[lower - 0x61]!;
      continue;
    }
    if (i < n && !isBoundary(c)) continue;
    if (rot13Passes(letters, gain)) out.push(start, i);
    start = i + 1;
    letters = 0;
    gain = 0;
  }
  return out;
}

/** The letter-frequency test of one sentence: enough letters, and enough gain per letter. */
export function rot13Passes(letters: number, gain: number): boolean {
  return letters >= MIN_LETTERS && gain >= letters * MIN_GAIN_PER_LETTER;
}

export function decodeRot13(text: string): Decoded[] {
  return decodeRot13From(text, rot13Candidates(text));
}

/** decodeRot13 given rot13Candidates(text) (or the prescan's equal list). */
export function decodeRot13From(text: string, candidates: readonly number[]): Decoded[] {
  const out: Decoded[] = [];
  let regionStart = -1;
  let regionEnd = -1;
  const flush = (): void => {
    if (regionStart < 0) return;
    out.push({
      text: rot13(text.slice(regionStart, regionEnd)),
      span: [regionStart, regionEnd],
      via: 'rot13',
    });
    regionStart = -1;
  };
  for (let k = 0; k < candidates.length; k += 2) {
    const i = candidates[k + 1]!;
    let s = candidates[k]!;
    while (s < i && text.charCodeAt(s) <= 0x20) s++;
    if (rotReadsBetter(text.slice(s, i))) {
      // Neighbouring rot13 sentences join into one segment, so the derived text reads as a paragraph.
      if (regionStart >= 0 && text.slice(regionEnd, s).trim().length <= 1) regionEnd = i;
      else {
        flush();
        regionStart = s;
        regionEnd = i;
      }
    }
  }
  flush();
  return out;
}
