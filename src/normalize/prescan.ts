// One pass over the text for the decoders that otherwise each walk every character: the base64/base32/hex
// token runs of decode-blobs and the sentences rot13 judges by letter frequencies. On prose, where neither finds
// anything, the walk is most of their cost, and one walk does it for both.
import { MIN_BLOB, tokenTable } from './decode-blobs.js';
import { rot13LetterGain } from './english-words.js';
import { rot13Passes } from './rot13.js';
import { isSentenceBoundary } from './sentences.js';

export interface Prescan {
  /** Equal to findTokens(text). */
  tokens: number[];
  /** Equal to rot13Candidates(text). */
  rot13: number[];
}

export function prescan(text: string): Prescan {
  const table = tokenTable();
  const letterGain = rot13LetterGain();
  const tokens: number[] = [];
  const rot13: number[] = [];
  const n = text.length;
  let runStart = -1;
  let sentenceStart = 0;
  let letters = 0;
  let gain = 0;
  for (let i = 0; i <= n; i++) {
    // -1 past the end: not a token character and not a letter, and the end closes the last sentence.
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c >= 0 && c < 128 && table[c] === 1) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart >= MIN_BLOB) {
        let end = i;
        while (end < n && end - i < 6 && text.charCodeAt(end) === 0x3d) end++;
        tokens.push(runStart, end);
      }
      runStart = -1;
    }
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      letters++;
      gain += letterGain[lower - 0x61]!;
      continue;
    }
    if (i < n && !isSentenceBoundary(c)) continue;
    if (rot13Passes(letters, gain)) rot13.push(sentenceStart, i);
    sentenceStart = i + 1;
    letters = 0;
    gain = 0;
  }
  return { tokens, rot13 };
}
