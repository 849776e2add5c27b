// Windowing for a classifier with a fixed maximum sequence length: the text is tokenized in whitespace-bounded
// pieces (so a tokenizer never sees more than a few hundred characters at once and each token knows roughly
// where it came from), then the token ids are cut into overlapping windows. A trigger late in a long document
// must still land in some window: truncating to the first window is how a padded attack slips past.
import { RampartError } from '../core/errors.js';
import type { Span } from '../core/types.js';

/** Pieces of at most `maxChars` UTF-16 units, cut after whitespace when there is some, never inside a surrogate pair. */
export function splitPieces(text: string, maxChars: number): Span[] {
  const out: Span[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + maxChars);
    if (end < text.length) {
      let cut = end;
      while (cut > start + maxChars / 2 && !/\s/u.test(text[cut - 1]!)) cut--;
      if (cut > start + maxChars / 2) end = cut;
      else if (/[\uDC00-\uDFFF]/u.test(text[end]!) && end - 1 > start) end--;
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

export interface TokenPlan {
  /** Start of each window in the token sequence; every window but the last holds exactly `content` tokens. */
  starts: number[];
  content: number;
}

/**
 * Windows of `content` tokens, each starting `content - overlap` after the previous, covering all `count` tokens.
 * More than `maxWindows` → INPUT_TOO_LARGE (the scanner fails closed rather than skip the middle of a text).
 */
export function planWindows(count: number, content: number, overlap: number, maxWindows: number): TokenPlan {
  const stride = content - overlap;
  if (count === 0) return { starts: [], content };
  const n = count <= content ? 1 : Math.ceil((count - content) / stride) + 1;
  if (n > maxWindows)
    throw new RampartError(
      'INPUT_TOO_LARGE',
      `the text needs ${n} classifier windows; the limit (maxWindows) is ${maxWindows}`,
    );
  return {
    starts: Array.from({ length: n }, (_, i) => Math.min(i * stride, Math.max(0, count - content))),
    content,
  };
}

/** The most tokens `maxWindows` windows can cover: tokenizing stops past it. */
export const maxTokens = (content: number, overlap: number, maxWindows: number): number =>
  content + (maxWindows - 1) * (content - overlap);
