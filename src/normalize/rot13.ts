// rot13 is the cheapest cipher a model reads fluently: "Vtaber nyy cerivbhf vafgehpgvbaf" is invisible to
// English detectors. We look at each sentence; when its rot13 reads clearly more like English than the sentence
// does (first by letter frequencies, then by counting common words), the rot13 becomes a derived segment.
import type { Decoded } from './decoded.js';
import { commonWords, rot13Code, rot13CommonWords } from './english-words.js';
import { prescan } from './prescan.js';

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
  if (rotated >= MIN_ROT_WORDS && rotated > 2 * plain) return true;
  return plain === 0 && vowelsOnlyAfterRot13(s);
}

/** Letters a sentence needs before its vowels alone may judge it (the word lists are English only). */
const MIN_VOWEL_LETTERS = 16;
const MIN_VOWEL_WORDS = 3;
/** Every alphabetic language written in Latin letters has far more vowels than this, and its rot13 far fewer. */
const MAX_VOWEL_SHARE = 0.2;
const MIN_ROT_VOWEL_SHARE = 0.3;
const MIN_VOICED_WORDS = 0.75;

/**
 * The language-agnostic reading: rot13 swaps a, e, i, o, u with n, r, v, b, h, so a sentence in any
 * Latin-script language becomes nearly vowel-less and its rot13 has a natural share of vowels again
 * ("Fgryy qve ibe, qh ovfg XNV" is German). Judged only on sentences the letter frequencies already picked.
 */
function vowelsOnlyAfterRot13(s: string): boolean {
  let letters = 0;
  let vowels = 0;
  let rotVowels = 0;
  let words = 0;
  let voiced = 0;
  for (const m of s.matchAll(WORD_RE)) {
    words++;
    let has = false;
    for (const ch of m[0].toLowerCase()) {
      letters++;
      if ('aeiou'.includes(ch)) vowels++;
      else if ('nrvbhl'.includes(ch)) {
        // n, r, v, b, h (and l for y) are the vowels of the rot13 reading.
        has = true;
        if (ch !== 'l') rotVowels++;
      }
    }
    if (has) voiced++;
  }
  if (letters < MIN_VOWEL_LETTERS || words < MIN_VOWEL_WORDS) return false;
  // Words of real language each have a vowel; keyboard mash ("xkcd qwrty zzzz") read in rot13 does not.
  if (voiced < words * MIN_VOICED_WORDS) return false;
  return vowels <= letters * MAX_VOWEL_SHARE && rotVowels >= letters * MIN_ROT_VOWEL_SHARE;
}

export function decodeRot13(text: string): Decoded[] {
  return decodeRot13From(text, prescan(text).rot13);
}

/** decodeRot13 given the prescan's candidate sentences (canonicalize shares one prescan with decode-blobs). */
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
