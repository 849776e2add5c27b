// Text written backwards ("snoitcurtsni suoiverp lla erongI") is read fluently by a model and by nothing that
// matches English. A sentence whose words read as common English words when reversed — and do not as written —
// becomes a derived segment holding the sentence reversed back. A cheap gate runs first: a few very frequent
// English words written backwards, one of which nearly every backwards sentence holds; ordinary text costs one
// scan of its lowercase form.
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

export function decodeReversed(text: string): Decoded[] {
  if (!GATE.test(text.toLowerCase())) return [];
  const reversed = reversedWords();
  const common = commonWords();
  const hits = sentenceSpans(text).filter(
    (span) => isWordySentence(text, span) && readsBackwards(text.slice(span[0], span[1]), reversed, common),
  );
  return joinNeighbours(text, hits).map(([s, e]) => ({
    text: reverseString(text.slice(s, e)),
    span: [s, e],
    via: 'reversed',
  }));
}
