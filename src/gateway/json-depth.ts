// How deeply a JSON text nests, counted on the raw text before JSON.parse. A body of 100,000 `[` is
// under any byte limit, but everything that later walks the parsed value recursively (JSON.stringify of
// the upstream request, scanners, validators) would run out of stack on it. One linear pass, no
// recursion and no allocation, so hostile depth costs only the bytes already bounded by the body limit.

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest nesting of arrays and objects in `text` (a scalar is 0, `[]` and `{}` are 1), or `limit + 1`
 * as soon as the text nests deeper than `limit` (the scan stops there). Brackets inside strings do not
 * count. For text that is not valid JSON the answer means nothing, but the scan still ends in linear time:
 * JSON.parse refuses such text afterwards.
 */
export function jsonNestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Strings are most of a request's bytes: jump from quote to quote (indexOf is several times faster
      // than a loop over each character). A quote ends the string unless an odd run of backslashes comes
      // before it; each run is looked at once, so this stays linear.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return deepest; // an unterminated string: JSON.parse refuses the text
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return deepest;
}
