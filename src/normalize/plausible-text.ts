// Decoded bytes become a derived segment only when they read as text. Hashes, UUIDs, API keys and images decode
// to bytes that are not UTF-8 or are full of control characters; scanning those would only add noise and cost.
import { Buffer, isUtf8 } from 'node:buffer';
import { LETTER, NUMBER, charFlags } from './char-class.js';

const MIN_CHARS = 4;
/** Share of non-space characters that must be letters: prose clears it easily, JSON-ish token claims do not. */
const MIN_LETTER_SHARE = 0.4;
/** A nested encoding (hex of base64, …) is nearly all letters and digits, but may be mostly digits. */
const MIN_ENCODING_ALNUM_SHARE = 0.9;
const NOT_TEXT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFD\p{Co}\p{Cn}]/u;

export function isPlausibleText(s: string): boolean {
  if (s.length < MIN_CHARS || NOT_TEXT.test(s)) return false;
  let letters = 0;
  let digits = 0;
  let visible = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    visible++;
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
      else if (c >= 0x30 && c <= 0x39) digits++;
    } else if (c < 0xdc00 || c > 0xdfff) {
      const f = charFlags(s.codePointAt(i)!);
      if (f & LETTER) letters++;
      else if (f & NUMBER) digits++;
    } else visible--;
  }
  if (letters < 2) return false;
  return letters >= visible * MIN_LETTER_SHARE || letters + digits >= visible * MIN_ENCODING_ALNUM_SHARE;
}

/** The bytes as text when they are valid UTF-8 and plausible text, else undefined. */
export function bytesToText(bytes: Uint8Array): string | undefined {
  if (bytes.length < MIN_CHARS || !isUtf8(bytes)) return undefined;
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return isPlausibleText(s) ? s : undefined;
}
