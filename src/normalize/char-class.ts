// Per-code-point facts, computed once per code point and cached: running \p{…} regexes per character is too slow
// for the megabyte inputs an attacker controls, and the passes need these facts for nearly every character.

export const LETTER = 1;
export const MARK = 2;
export const NUMBER = 4;
export const LATIN = 8;
/** The code point alone is already NFKC: the NFKC pass can skip it without calling String#normalize. */
export const NFKC_STABLE = 16;
const KNOWN = 128;

const CATEGORY_RE = /^(?:(\p{L})|(\p{M})|(\p{N}))$/u;
const LATIN_RE = /^\p{Script=Latin}$/u;
/**
 * Planes 4–13 hold no assigned characters and planes 15–16 only private use (Unicode 15–16; a test checks it):
 * random astral input mostly lands there, and skipping the lookups keeps its first sight cheap.
 */
const UNASSIGNED_FROM = 0x40000;
const UNASSIGNED_TO = 0xdffff;
const PRIVATE_USE_FROM = 0xf0000;

let table: Uint8Array | undefined;

function asciiFlags(cp: number): number {
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return LETTER | LATIN | NFKC_STABLE;
  if (cp >= 0x30 && cp <= 0x39) return NUMBER | NFKC_STABLE;
  return NFKC_STABLE;
}

function compute(cp: number): number {
  if ((cp >= UNASSIGNED_FROM && cp <= UNASSIGNED_TO) || cp >= PRIVATE_USE_FROM) return KNOWN | NFKC_STABLE;
  const s = String.fromCodePoint(cp);
  let f = KNOWN;
  const m = CATEGORY_RE.exec(s);
  if (m) {
    if (m[1] !== undefined) f |= LATIN_RE.test(s) ? LETTER | LATIN : LETTER;
    else if (m[2] !== undefined) f |= MARK;
    else f |= NUMBER;
  }
  if (s.normalize('NFKC') === s) f |= NFKC_STABLE;
  return f;
}

/** Flags of one code point (lone surrogates are neither letters nor marks). */
export function charFlags(cp: number): number {
  if (cp < 0x80) return asciiFlags(cp);
  const t = (table ??= new Uint8Array(0x110000));
  let f = t[cp]!;
  if (f === 0) {
    f = compute(cp);
    t[cp] = f;
  }
  return f;
}

/** Code point ending just before `i` (a trailing surrogate pair counts as one), or -1 at the start. */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}
