// Text written backwards ("snoitcurtsni suoiverp lla erongI") is read fluently by a model and by nothing that
// matches English. A sentence whose words read as common English words when reversed — and do not as written —
// becomes a derived segment holding the sentence reversed back. A cheap gate runs first: a few very frequent
// English words written backwards, one of which nearly every backwards sentence holds; ordinary text costs one
// scan of its lowercase form.
import type { Span } from '../core/types.js';
import type { Decoded } from './decoded.js';
import { commonWords } from './english-words.js';
import { isWordySentence, joinNeighbours, sentenceSpans } from './sentences.js';

/** Reversed words shorter than this are too often real words of some language ("si", "ti", "on"). */
const MIN_WORD = 3;
const MIN_REVERSED_WORDS = 3;
const WORD_RE = /[A-Za-z]+/gu;

/** the, and, you, your, this, that, for, with, from, how, what, all, ignore, instructions, prompt, reveal… backwards. */
const GATE =
  /eht|dna|uoy|ruoy|siht|taht|rof|htiw|morf|woh|tahw|lla|erongi|snoitcurtsni|tpmorp|laever|llet|etirw/u;

let reversedCommon: Set<string> | undefined;

const reverseString = (s: string): string => Array.from(s).reverse().join('');

function reversedWords(): Set<string> {
  if (!reversedCommon) {
    const common = commonWords();
    reversedCommon = new Set(
      [...common]
        .filter((w) => w.length >= MIN_WORD)
        .map(reverseString)
        .filter((r) => !common.has(r)),
    );
  }
  return reversedCommon;
}

/** The sentence reads as English backwards and clearly not forwards. */
function readsBackwards(s: string, reversed: Set<string>, common: Set<string>): boolean {
  let words = 0;
  let forward = 0;
  let backward = 0;
  for (const m of s.matchAll(WORD_RE)) {
    words++;
    const w = m[0].toLowerCase();
    if (common.has(w)) forward++;
    else if (reversed.has(w)) backward++;
  }
  return backward >= MIN_REVERSED_WORDS && backward * 4 >= words && backward > 3 * forward;
}

/**
 * Marks of a backwards sentence in any alphabetic language: punctuation stuck to the START of a word
 * (".seuçer", ",sirpmoc" — written forwards it closes the word before) and a capital at the END of a
 * lowercase word ("eilbuO"); written forwards these sit the other way round.
 */
const BACK_PUNCT_RE = /(?:^|\s)[.,;:!?]\p{L}/gu;
const FORWARD_PUNCT_RE = /\p{L}[.,;:!?](?:\s|$)/gu;
const BACK_CAP_RE = /(?<!\p{L})\p{Ll}{2,}\p{Lu}(?!\p{L})/gu;
const FORWARD_CAP_RE = /(?<!\p{L})\p{Lu}\p{Ll}{2,}(?!\p{L})/gu;
const MIN_BACK_MARKS = 2;
/** The cheap gate for the marks: a capital right after a lowercase letter at a word's end. */
const MARK_GATE = /\p{Ll}\p{Lu}(?!\p{L})|(?:^|\s)[.,;:!?]\p{L}/u;

const count = (s: string, re: RegExp): number => {
  let n = 0;
  for (const _ of s.matchAll(re)) n++;
  return n;
};

/** A line whose punctuation and capitals all sit where backwards writing puts them, and never the other way. */
function markedBackwards(line: string): boolean {
  const back = count(line, BACK_PUNCT_RE) + count(line, BACK_CAP_RE);
  if (back < MIN_BACK_MARKS) return false;
  return count(line, FORWARD_PUNCT_RE) + count(line, FORWARD_CAP_RE) === 0;
}

/** Lines (not sentences: backwards punctuation starts, not ends, a sentence) that bear the backwards marks. */
function markedLines(text: string): Span[] {
  if (!MARK_GATE.test(text)) return [];
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x0a) continue;
    let s = start;
    while (s < i && text.charCodeAt(s) <= 0x20) s++;
    let e = i;
    while (e > s && text.charCodeAt(e - 1) <= 0x20) e--;
    if (e > s && isWordySentence(text, [s, e]) && markedBackwards(text.slice(s, e))) out.push([s, e]);
    start = i + 1;
  }
  return out;
}

export function decodeReversed(text: string): Decoded[] {
  const lines = markedLines(text);
  const hits: Span[] = [];
  if (GATE.test(text.toLowerCase())) {
    const reversed = reversedWords();
    const common = commonWords();
    for (const span of sentenceSpans(text)) {
      if (isWordySentence(text, span) && readsBackwards(text.slice(span[0], span[1]), reversed, common))
        hits.push(span);
    }
  }
  // A sentence inside a marked line is decoded with its line.
  const spans = [...lines, ...hits.filter(([s, e]) => !lines.some(([ls, le]) => s >= ls && e <= le))].sort(
    (a, b) => a[0] - b[0],
  );
  return joinNeighbours(text, spans).map(([s, e]) => ({
    text: reverseString(text.slice(s, e)),
    span: [s, e],
    via: 'reversed',
  }));
}
