// How much of a streamed answer's unreleased tail must wait for more text. Everything before the returned
// index is final enough to scan and send; what follows is the part a pattern could still complete:
//   - the trailing token (a key, e-mail, URL or placeholder is one run of non-space characters),
//   - a trailing run of short number-like tokens ("+1 (415) 555 26", "DE89 3704 0044"), which phone,
//     card and IBAN detectors match across spaces,
//   - an unclosed markdown link/image (`![alt](http…`), an unclosed `[` (a placeholder such as `[EMAIL_`),
//     an unclosed HTML tag (`<img src=…`), and a tag whose `>` is in the trailing token (held whole),
// all within `maxHold` characters: holding more would delay every token for every user. Two exceptions,
// held whole up to `maxBlockHold`: a PEM private key block (BEGIN without END yet), whose body lines mean
// nothing to a scanner once the BEGIN line has scrolled out of the scan window, and a long token holding
// a JWT, which the secrets scanner only recognises with all three parts.

const MAX_NUMERIC_TOKENS = 10;
const MAX_NUMERIC_RUN = 64;
/** Short tokens made of digits, capitals and phone punctuation, with at least one digit (or a 4-capital IBAN bank code). */
const NUMERIC_TOKEN = /^[0-9A-Z+()\-./#]{1,12}[,.;:]?$/;
const HAS_DIGIT = /[0-9]/;
const BANK_CODE = /^[A-Z]{1,4}$/;
const KEY_BEGIN = '-----BEGIN ';
const KEY_END = '-----END ';
/** base64url of '{"': the first characters of every JWT header. */
const JWT_START = 'eyJ';
const TAG_OPEN = /<[A-Za-z!/]?$/;

export interface Holdback {
  /** Index in the pending text: [0, start) may be scanned and released, [start, end) waits. */
  start: number;
  /** True when an open private key block is longer than `maxBlockHold`: the stream must stop. */
  blockOverflow: boolean;
}

const isSpace = (c: number): boolean =>
  c === 0x20 ||
  c === 0x0a ||
  c === 0x0d ||
  c === 0x09 ||
  c === 0x0c ||
  c === 0x0b ||
  c === 0xa0 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x3000 ||
  (c >= 0x2000 && c <= 0x200a);

function isNumericToken(t: string): boolean {
  return NUMERIC_TOKEN.test(t) && (HAS_DIGIT.test(t) || BANK_CODE.test(t));
}

/** Start of the trailing run of non-space characters, looking back at most `limit` characters. */
function trailingTokenStart(p: string, limit: number): number {
  const floor = Math.max(0, p.length - limit);
  let i = p.length;
  while (i > floor && !isSpace(p.charCodeAt(i - 1))) i--;
  return i;
}

/** Extends the hold back over preceding number-like tokens when the answer may still be writing a number. */
function numericRunStart(p: string, tokenStart: number): number {
  if (tokenStart < p.length && !isNumericToken(p.slice(tokenStart))) return tokenStart;
  let h = tokenStart;
  for (let n = 0; n < MAX_NUMERIC_TOKENS; n++) {
    let j = h;
    while (j > 0 && isSpace(p.charCodeAt(j - 1))) j--;
    let k = j;
    while (k > 0 && !isSpace(p.charCodeAt(k - 1)) && j - k <= 13) k--;
    if (k === j || p.length - k > MAX_NUMERIC_RUN || !isNumericToken(p.slice(k, j))) break;
    h = k;
  }
  return h;
}

/** Start of an unclosed markdown link/image, bracket or HTML tag inside the last `limit` characters. */
function openConstructStart(p: string, limit: number): number {
  const floor = Math.max(0, p.length - limit);
  let h = p.length;
  const bang = (i: number): number => (i > floor && p.charCodeAt(i - 1) === 0x21 ? i - 1 : i);
  const bracket = p.lastIndexOf('[');
  if (bracket >= floor && p.indexOf(']', bracket) < 0) h = Math.min(h, bang(bracket));
  const target = p.lastIndexOf('](');
  if (target >= floor && p.indexOf(')', target) < 0) {
    const open = p.lastIndexOf('[', target);
    h = Math.min(h, open >= floor ? bang(open) : target);
  }
  const angle = p.lastIndexOf('<');
  if (angle >= floor && p.indexOf('>', angle) < 0 && TAG_OPEN.test(p.slice(angle, angle + 2)))
    h = Math.min(h, angle);
  return h;
}

/**
 * Start of an HTML tag begun before the held trailing token and ending inside it (`<div onclick="go()">`,
 * token `onclick="go()">`): without this the words before the token (`<div `) would be sent before the tag
 * is whole, and an HTML scanner could only mask the rest of it instead of rewriting the tag.
 */
function closedTagStart(p: string, tokenStart: number, limit: number): number {
  if (tokenStart === 0 || tokenStart >= p.length) return p.length;
  const lt = p.lastIndexOf('<', tokenStart - 1);
  if (lt < Math.max(0, p.length - limit) || !TAG_OPEN.test(p.slice(lt, lt + 2))) return p.length;
  const gt = p.indexOf('>', lt);
  return gt >= tokenStart ? lt : p.length;
}

/** Start of a private key block that has begun but not ended, if any. */
function openKeyBlockStart(p: string): number | undefined {
  const begin = p.lastIndexOf(KEY_BEGIN);
  if (begin < 0 || p.indexOf(KEY_END, begin) >= 0) return undefined;
  return p.indexOf('PRIVATE KEY', begin) >= 0 || p.length - begin < 64 ? begin : undefined;
}

export function holdback(p: string, maxHold: number, maxBlockHold: number): Holdback {
  let h = trailingTokenStart(p, maxHold);
  let floor = p.length - maxHold;
  if (h <= floor && h > 0) {
    // A token longer than maxHold: a JWT (access tokens run to 1-2 KB) is only recognised whole, so one
    // is held up to maxBlockHold rather than sent half-scanned.
    const long = trailingTokenStart(p, maxBlockHold);
    if (p.indexOf(JWT_START, long) >= 0) h = floor = long;
  }
  h = Math.min(h, numericRunStart(p, h), openConstructStart(p, maxHold), closedTagStart(p, h, maxHold));
  const key = openKeyBlockStart(p);
  if (key !== undefined) {
    if (p.length - key > maxBlockHold) return { start: h, blockOverflow: true };
    h = Math.min(h, key);
    floor = key;
  }
  h = Math.max(h, floor, 0);
  // Never release half of a surrogate pair: the client would render U+FFFD and the scanner saw neither half.
  const c = p.charCodeAt(h - 1);
  if (h > 0 && h < p.length && c >= 0xd800 && c <= 0xdbff) h--;
  return { start: h, blockOverflow: false };
}
