// Sentence-sized stretches of text for the decoders that judge a reading per sentence (rot13, backwards
// text, leetspeak): split at . ! ? ; : line breaks and double quotes, leading blanks trimmed.
import type { Span } from '../core/types.js';

export function isSentenceBoundary(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x22;
}

/** Sentence spans of `text` (boundaries excluded), in order; blank stretches are left out. */
export function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSentenceBoundary(text.charCodeAt(i))) continue;
    let s = start;
    while (s < i && text.charCodeAt(s) <= 0x20) s++;
    if (s < i) out.push([s, i]);
    start = i + 1;
  }
  return out;
}

/** Longest stretch judged as one sentence; longer ones are blobs or tables, not prose. */
const MAX_SENTENCE = 2000;
/** Longest run of non-blank characters a prose sentence holds (a long URL fits; a base64 blob does not). */
const MAX_WORD = 64;

/**
 * The span reads as a sentence of words: short enough, and no run of non-blank characters longer than a
 * word. Decoders that judge words (backwards text, leetspeak) skip anything else, so a megabyte of base64
 * costs one scan, not a word-by-word reading.
 */
export function isWordySentence(text: string, [s, e]: Span): boolean {
  if (e - s > MAX_SENTENCE) return false;
  let run = 0;
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) <= 0x20) run = 0;
    else if (++run > MAX_WORD) return false;
  }
  return true;
}

/**
 * Joins neighbouring spans (only blanks or one boundary character between them) into regions, so a decoded
 * paragraph reads as a paragraph.
 */
export function joinNeighbours(text: string, spans: readonly Span[]): Span[] {
  const out: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && text.slice(last[1], s).trim().length <= 1) last[1] = e;
    else out.push([s, e]);
  }
  return out;
}
