// The matching form of a piece of text for taint tracking. An injected value reaches a tool argument after the
// model has copied it, and models routinely change case, drop a zero-width character, re-space a URL or swap a
// full-width letter for ASCII. Folding both sides the same way makes those copies compare equal. This form is for
// comparison only: it is never shown, logged or sent anywhere.
import { foldConfusables } from '../../normalize/confusables.js';

// Default_Ignorable covers zero-width, bidi controls, tag characters, variation selectors and the soft hyphen.
const IGNORABLE_OR_SPACE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}]+/gu;

/** NFKC, homoglyphs to Latin, invisible characters and ALL whitespace removed, lower case. */
export function foldCompact(text: string): string {
  let t = text.normalize('NFKC');
  t = foldConfusables(t)?.text ?? t;
  return t.replace(IGNORABLE_OR_SPACE, '').toLowerCase();
}

/** Same folding, but runs of whitespace become one space: indicator extraction needs word boundaries. */
export function foldSpaced(text: string): string {
  let t = text.normalize('NFKC');
  t = foldConfusables(t)?.text ?? t;
  return t
    .replace(/\p{Default_Ignorable_Code_Point}+/gu, '')
    .replace(/\p{White_Space}+/gu, ' ')
    .toLowerCase();
}
