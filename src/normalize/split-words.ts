// "i g n o r e   a l l" and "i-g-n-o-r-e" keep a word readable to the model while defeating word-level
// detectors. Runs of at least four single letters joined by one repeated separator collapse back into words.
// Real prose never strings four one-letter words together with one identical separator, and a run never mixes
// Latin and non-Latin letters, so a collapsed word cannot turn into a new homoglyph case on a second pass.
import { OffsetMapBuilder } from '../core/offset-map.js';
import type { ScannerFinding } from '../core/types.js';
import { LATIN, LETTER, MARK, NUMBER, charFlags, codePointBefore } from './char-class.js';
import type { PassResult } from './pass.js';

const MIN_RUN = 4;
/** Whitespace between letter groups ("i g n o r e   a l l") wider than this ends the run. */
const MAX_GAP = 8;

function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a || c === 0x7c;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isWordChar(cp: number): boolean {
  return cp >= 0 && (charFlags(cp) & (LETTER | MARK | NUMBER)) !== 0;
}

/**
 * End of the single-letter unit (a letter and its marks, with no letter or digit on either side) starting at
 * `i`, or -1. `latin` must match the unit's script class unless it is -1.
 */
function unitEnd(text: string, i: number, latin: number): number {
  if (i >= text.length) return -1;
  const cp = text.codePointAt(i)!;
  const f = charFlags(cp);
  if (!(f & LETTER) || (latin >= 0 && (f & LATIN ? 1 : 0) !== latin)) return -1;
  let j = i + (cp > 0xffff ? 2 : 1);
  while (j < text.length) {
    const m = text.codePointAt(j)!;
    const mf = charFlags(m);
    if (mf & MARK) j += m > 0xffff ? 2 : 1;
    else if (mf & (LETTER | NUMBER)) return -1;
    else break;
  }
  return j;
}

/** Units of one group: start/end pairs, sharing one array to avoid per-letter objects. */
function readGroup(text: string, from: number, sep: number, latin: number, out: number[]): number {
  let i = from;
  let count = 0;
  for (;;) {
    const e = unitEnd(text, i, latin);
    if (e < 0) break;
    out.push(i, e);
    count++;
    if (text.charCodeAt(e) !== sep) break;
    i = e + 1;
  }
  return count;
}

function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
  return (charFlags(cp) & LETTER) !== 0;
}

export function collapseSplitWords(text: string): PassResult | undefined {
  const n = text.length;
  let b: OffsetMapBuilder | undefined;
  let copied = 0;
  let runs = 0;
  let first = -1;
  let last = -1;
  const units: number[] = [];
  const groupStarts: number[] = [];
  // Scan separators, not letters: they are rare in most text, and only a letter right before one can start a run.
  for (let p = 1; p < n; p++) {
    if (!isSeparator(text.charCodeAt(p))) continue;
    const cp = codePointBefore(text, p);
    const w = cp > 0xffff ? 2 : 1;
    const i = p - w;
    if (!isLetter(cp) || isWordChar(codePointBefore(text, i))) continue;
    const sep = text.charCodeAt(i + w);
    const latin = charFlags(cp) & LATIN ? 1 : 0;
    units.length = 0;
    groupStarts.length = 0;
    let count = readGroup(text, i, sep, latin, units);
    let longest = count;
    // Further groups after a whitespace gap ("i g n o r e   a l l"); one-letter groups are ordinary words.
    while (count > 0) {
      const end = units[units.length - 1]!;
      let g = end;
      while (g < n && g - end <= MAX_GAP && isSpace(text.charCodeAt(g))) g++;
      const gap = g - end;
      if (gap === 0 || gap > MAX_GAP || (sep === 0x20 && gap === 1 && text.charCodeAt(end) === 0x20)) break;
      const mark = units.length;
      count = readGroup(text, g, sep, latin, units);
      if (count < 2) {
        units.length = mark;
        break;
      }
      groupStarts.push(mark);
      if (count > longest) longest = count;
    }
    if (units.length === 0) continue;
    const runEnd = units[units.length - 1]!;
    if (longest >= MIN_RUN) {
      b ??= new OffsetMapBuilder(n);
      b.copy(text, copied, i);
      let g = 0;
      for (let u = 0; u < units.length; u += 2) {
        if (g < groupStarts.length && u === groupStarts[g]) {
          b.emit(' ', units[u - 1]!, units[u]!);
          g++;
        }
        b.copy(text, units[u]!, units[u + 1]!);
      }
      runs++;
      if (first < 0) first = i;
      last = copied = runEnd;
    }
    // A run that did not collapse holds no collapsible run either: skipping it keeps the scan linear.
    p = runEnd;
  }
  if (!b) return undefined;
  b.copy(text, copied, n);
  const signals: ScannerFinding[] = [
    {
      category: 'evasion.split_words',
      score: 0.4,
      span: [first, last],
      message: `${runs} word${runs === 1 ? ' was' : 's were'} spelled out letter by letter`,
    },
  ];
  return { ...b.build(), signals };
}

/**
 * In ASCII text a unit is one letter, so a collapsible group (MIN_RUN = 4 units joined by one separator) reads
 * letter, separator, letter, separator, letter, separator, letter. Text without that shape has nothing to collapse.
 */
const ASCII_GROUP_SHAPE = /[A-Za-z][ ._*|-][A-Za-z][ ._*|-][A-Za-z][ ._*|-][A-Za-z]/;

/** collapseSplitWords for text known to be ASCII: one native scan rules out most text before the full pass. */
export function collapseSplitWordsAscii(text: string): PassResult | undefined {
  return ASCII_GROUP_SHAPE.test(text) ? collapseSplitWords(text) : undefined;
}
