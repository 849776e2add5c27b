// Character classes and case folds of UTF-16 code units, shared by the n-gram features and the lexicon cues
// (one table, so both read a text the same way).
export const SPACE = 0;
export const WORD = 1;
export const PUNCT = 2;

// Per-code-unit class and lowercase fold, computed lazily for the whole BMP (two 64 KB tables).
let classes: Uint8Array | undefined;
let folds: Uint16Array | undefined;
const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_RE = /\s/u;

/** Per-code-unit class (0 space, 1 word, 2 punctuation) and lowercase fold (digits as '0') (features.ts, lexicon.ts). */
export function tables(): { cls: Uint8Array; fold: Uint16Array } {
  if (classes === undefined || folds === undefined) {
    const cls = new Uint8Array(65536);
    const fold = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      // Surrogates are halves of astral letters (emoji, rare CJK): treat them as word characters.
      const surrogate = c >= 0xd800 && c <= 0xdfff;
      cls[c] = surrogate || WORD_RE.test(ch) ? WORD : SPACE_RE.test(ch) || c < 0x20 ? SPACE : PUNCT;
      const low = ch.toLowerCase();
      let f = low.length === 1 ? low.charCodeAt(0) : c;
      // Digits all hash as '0': numbers vary, their presence is the signal.
      if (f >= 0x31 && f <= 0x39) f = 0x30;
      fold[c] = f;
    }
    classes = cls;
    folds = fold;
  }
  return { cls: classes, fold: folds };
}
