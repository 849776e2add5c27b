// Which spans of a text the model scores. User text is judged as a whole (an attack is a property of the
// prompt), in long windows only when it is long. Untrusted text is judged per sentence and per pair of
// adjacent sentences ("Note to the AI reading this:" + the instruction on the next line): one instruction
// to the model anywhere in a document is enough, and the best-scoring sentence is the span to show.
import type { Span } from '../core/types.js';

export type WindowKind = 'whole' | 'window' | 'sentence';

export interface WindowSettings {
  /** User text up to this many characters is scored as one window. */
  userWhole: number;
  /** Longer user text: windows of this size with 50% overlap. */
  userWindow: number;
  /** Sentences longer than this are cut into windows of this size with 50% overlap. */
  sentenceMax: number;
}

export const DEFAULT_WINDOWS: WindowSettings = { userWhole: 4096, userWindow: 2048, sentenceMax: 512 };

function slide(start: number, end: number, size: number, out: Span[]): void {
  const step = size >> 1;
  for (let s = start; ; s += step) {
    const e = Math.min(end, s + size);
    out.push([s, e]);
    if (e >= end) break;
  }
}

export function userWindows(length: number, settings: WindowSettings = DEFAULT_WINDOWS): Span[] {
  if (length <= settings.userWhole) return [[0, length]];
  const out: Span[] = [];
  slide(0, length, settings.userWindow, out);
  return out;
}

const isBreak = (c: number): boolean =>
  c === 0x2e ||
  c === 0x21 ||
  c === 0x3f ||
  c === 0x3002 ||
  c === 0xff01 ||
  c === 0xff1f ||
  c === 0x0964 ||
  c === 0x061f;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

const LOWER = /\p{Ll}/u;

/**
 * A newline inside a hard-wrapped sentence (docs and e-mails wrapped at 80 columns): the line before ends in a
 * lowercase letter or a comma and the next line goes on in lowercase. Such a line is a fragment ("this
 * purpose.", "development. Migrations provide a way to modify a"), and fragments read like anything.
 */
function softWrap(text: string, i: number): boolean {
  let a = i - 1;
  while (
    a >= 0 &&
    (text.charCodeAt(a) === 0x20 || text.charCodeAt(a) === 0x09 || text.charCodeAt(a) === 0x0d)
  )
    a--;
  let b = i + 1;
  while (b < text.length && (text.charCodeAt(b) === 0x20 || text.charCodeAt(b) === 0x09)) b++;
  if (a < 0 || b >= text.length) return false;
  const prev = text.charAt(a);
  return (prev === ',' || LOWER.test(prev)) && LOWER.test(text.charAt(b));
}

/**
 * Sentence spans (trimmed, non-empty): split after . ! ? 。！？ । ؟ followed by space, and at newlines, except
 * a newline that only wraps a sentence (softWrap).
 */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let s = 0;
  const flush = (e: number): void => {
    let a = s;
    let b = e;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) out.push([a, b]);
    s = e;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (!softWrap(text, i)) flush(i + 1);
    } else if (isBreak(c) && (i + 1 >= n || isSpace(text.charCodeAt(i + 1)) || c >= 0x3000)) flush(i + 1);
  }
  flush(n);
  return out;
}

/** Sentence windows: every sentence (long ones slid) and every pair of adjacent sentences up to 2x sentenceMax. */
export function sentenceWindows(text: string, settings: WindowSettings = DEFAULT_WINDOWS): Span[] {
  const sents = sentences(text);
  const out: Span[] = [];
  for (let i = 0; i < sents.length; i++) {
    const [a, b] = sents[i]!;
    if (b - a > settings.sentenceMax) slide(a, b, settings.sentenceMax, out);
    else out.push([a, b]);
    const next = sents[i + 1];
    if (next !== undefined && next[1] - a <= settings.sentenceMax * 2) out.push([a, next[1]]);
  }
  if (out.length === 0) out.push([0, text.length]);
  return out;
}
