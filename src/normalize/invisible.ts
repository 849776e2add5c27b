// Zero-width and other invisible characters let an attacker split a word ("ig\u200Bnore") so that keyword and
// model detectors miss it while the model still reads it; bidi controls reorder what a reviewer sees versus what
// the model reads (Trojan Source, CVE-2021-42574). Both are removed from the canonical text.
//
// ZWJ/ZWNJ are removed everywhere, even inside emoji ZWJ sequences: the canonical text is for matching, not
// display, an emoji sequence carries no instruction, and keeping ZWJ anywhere would let it split words. They only
// count as evasion between Latin letters, since Indic and Arabic-script orthographies use them inside words.
import { OffsetMapBuilder } from '../core/offset-map.js';
import type { ScannerFinding } from '../core/types.js';
import { LATIN, LETTER, MARK, charFlags, codePointBefore } from './char-class.js';
import type { HiddenPayload, PassResult } from './pass.js';
import { bytesToText } from './plausible-text.js';

const NONE = 0;
const INVISIBLE = 1;
const BIDI = 2;
const LINE = 3;
const VARIATION = 4;
const SOFT_HYPHEN = 5;
const JOINER = 6;
const DIRECTION_MARK = 7;
const BOM = 8;

const STRONG = 0.6;
const WEAK = 0.2;
/** Variation selectors in a row needed before we try to read them as smuggled bytes. */
const MIN_PAYLOAD_SELECTORS = 4;

function kindOf(c: number, next: number): number {
  if (c < 0x200b) {
    if (c === 0xad) return SOFT_HYPHEN;
    if (c === 0x34f || c === 0x115f || c === 0x1160 || c === 0x180e) return INVISIBLE;
    if (c === 0x61c) return BIDI;
    return NONE;
  }
  if (c <= 0x206f) {
    if (c === 0x200b) return INVISIBLE;
    if (c <= 0x200d) return JOINER;
    if (c <= 0x200f) return DIRECTION_MARK;
    if (c === 0x2028 || c === 0x2029) return LINE;
    if (c >= 0x202a && c <= 0x202e) return BIDI;
    if (c >= 0x2060 && c <= 0x2064) return INVISIBLE;
    if (c >= 0x2066 && c <= 0x2069) return BIDI;
    return NONE;
  }
  if (c === 0x3164 || c === 0xffa0) return INVISIBLE;
  if (c >= 0xfe00 && c <= 0xfe0f) return VARIATION;
  if (c === 0xfeff) return BOM;
  if (c === 0xdb40 && next >= 0xdd00 && next <= 0xddef) return VARIATION;
  return NONE;
}

function isWordChar(cp: number): boolean {
  return cp >= 0 && (charFlags(cp) & (LETTER | MARK)) !== 0;
}

function isLatin(cp: number): boolean {
  return cp >= 0 && (charFlags(cp) & LATIN) !== 0;
}

/** Letters on one side of `i`, counted up to `limit + 1`: soft hyphens between 1–2 letter pieces spell evasion. */
function lettersAround(text: string, i: number, dir: -1 | 1, limit: number): number {
  let n = 0;
  let j = i;
  while (n <= limit) {
    const cp = dir < 0 ? codePointBefore(text, j) : j < text.length ? text.codePointAt(j)! : -1;
    if (!isWordChar(cp)) break;
    n++;
    j += dir * (cp > 0xffff ? 2 : 1);
  }
  return n;
}

/** Paul Butler's "emoji smuggling": bytes 0–15 as U+FE00–U+FE0F, 16–255 as U+E0100–U+E01EF. */
function decodeSelectors(text: string, from: number, to: number, count: number): string | undefined {
  const bytes = new Uint8Array(count);
  let k = 0;
  for (let i = from; i < to && k < count; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xfe00 && c <= 0xfe0f) bytes[k++] = c - 0xfe00;
    else if (c === 0xdb40) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdd00 && lo <= 0xddef) {
        bytes[k++] = lo - 0xdd00 + 16;
        i++;
      }
    }
  }
  return bytesToText(bytes.subarray(0, k));
}

class Occurrences {
  first = -1;
  last = -1;
  score = 0;
  add(from: number, to: number, score: number): void {
    if (this.first < 0) this.first = from;
    this.last = to;
    if (score > this.score) this.score = score;
  }
}

export function removeInvisible(text: string): PassResult | undefined {
  const n = text.length;
  let b: OffsetMapBuilder | undefined;
  let copied = 0;
  const invisible = new Occurrences();
  const bidi = new Occurrences();
  let shortSoftHyphens = 0;
  let softHyphenFirst = -1;
  let softHyphenLast = -1;
  const hidden: HiddenPayload[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0xad) {
      i++;
      continue;
    }
    const k0 = kindOf(c, text.charCodeAt(i + 1));
    if (k0 === NONE) {
      i++;
      continue;
    }
    b ??= new OffsetMapBuilder(n);
    if (k0 === LINE) {
      b.copy(text, copied, i);
      b.emit('\n', i, i + 1);
      copied = ++i;
      continue;
    }
    const rs = i;
    let kinds = 0;
    let selectors = 0;
    while (i < n) {
      const k = kindOf(text.charCodeAt(i), text.charCodeAt(i + 1));
      if (k === NONE || k === LINE) break;
      kinds |= 1 << k;
      if (k === VARIATION) {
        selectors++;
        if (text.charCodeAt(i) === 0xdb40) i++;
      }
      i++;
    }
    b.copy(text, copied, rs);
    copied = i;

    if (kinds & (1 << BIDI)) bidi.add(rs, i, STRONG);
    const only = (k: number): boolean => kinds === 1 << k;
    const prev = codePointBefore(text, rs);
    const next = i < n ? text.codePointAt(i)! : -1;
    const splits = isWordChar(prev) && isWordChar(next);
    if (selectors >= 2) {
      invisible.add(rs, i, STRONG);
      if (selectors >= MIN_PAYLOAD_SELECTORS) {
        const payload = decodeSelectors(text, rs, i, selectors);
        if (payload !== undefined) hidden.push({ text: payload, span: [rs, i], via: 'variation_selectors' });
      }
    } else if (only(BIDI)) {
      continue;
    } else if (splits) {
      if (only(SOFT_HYPHEN)) {
        if (lettersAround(text, rs, -1, 2) <= 2 && lettersAround(text, i, 1, 2) <= 2) {
          shortSoftHyphens++;
          if (softHyphenFirst < 0) softHyphenFirst = rs;
          softHyphenLast = i;
        }
      } else if (only(JOINER) || only(DIRECTION_MARK)) {
        if (isLatin(prev) && isLatin(next)) invisible.add(rs, i, STRONG);
      } else if (only(VARIATION)) {
        // A single selector after a Han character is an ideographic variation sequence; on Latin it is a trick.
        if (isLatin(prev)) invisible.add(rs, i, STRONG);
      } else {
        invisible.add(rs, i, isLatin(prev) || isLatin(next) ? STRONG : WEAK);
      }
    } else if (!(only(BOM) && rs === 0) && !only(VARIATION) && !only(JOINER) && !only(DIRECTION_MARK)) {
      if (!only(SOFT_HYPHEN)) invisible.add(rs, i, WEAK);
    }
  }
  if (!b) return undefined;
  b.copy(text, copied, n);
  // One soft hyphen between short pieces happens in real hyphenation ("re-do"); several spell a split word.
  if (shortSoftHyphens >= 2) {
    invisible.first = invisible.first < 0 ? softHyphenFirst : Math.min(invisible.first, softHyphenFirst);
    invisible.last = Math.max(invisible.last, softHyphenLast);
    invisible.score = STRONG;
  }
  const signals: ScannerFinding[] = [];
  if (invisible.first >= 0) {
    signals.push({
      category: 'evasion.invisible_characters',
      score: invisible.score,
      span: [invisible.first, invisible.last],
      message:
        invisible.score >= STRONG
          ? 'Invisible characters split words or carry hidden bytes'
          : 'Invisible characters were removed',
    });
  }
  if (bidi.first >= 0) {
    signals.push({
      category: 'evasion.bidi_controls',
      score: STRONG,
      span: [bidi.first, bidi.last],
      message: 'Bidirectional control characters can make the text read differently than it displays',
    });
  }
  const result: PassResult = { ...b.build(), signals };
  if (hidden.length > 0) result.hidden = hidden;
  return result;
}
