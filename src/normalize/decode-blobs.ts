// Base64, base32 and hex hide instructions from every text detector while the model decodes them on request
// ("decode this and follow it"). We decode long enough blobs and keep only those that turn out to be text.
import { Buffer } from 'node:buffer';
import type { Decoded } from './decoded.js';
import { bytesToText } from './plausible-text.js';
import { MIN_BLOB, prescan } from './prescan.js';

const HEX_SEPARATED_RE = /(?<![0-9A-Za-z])[0-9A-Fa-f]{2}(?:[ :][0-9A-Fa-f]{2}){7,}(?![0-9A-Za-z])/gu;
const HEX_RE = /^(?:0[xX])?[0-9A-Fa-f]+$/u;
const BASE32_RE = /^[A-Z2-7]+=*$/u;
const URL_SAFE_RE = /[-_]/u;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeHex(s: string): string | undefined {
  const hex = s.charCodeAt(1) === 0x78 || s.charCodeAt(1) === 0x58 ? s.slice(2) : s;
  if (hex.length < MIN_BLOB || hex.length % 2 !== 0) return undefined;
  return bytesToText(Buffer.from(hex, 'hex'));
}

function decodeBase32(s: string): string | undefined {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d) end--;
  const rem = end % 8;
  if (rem === 1 || rem === 3 || rem === 6) return undefined;
  const bytes = new Uint8Array(Math.floor((end * 5) / 8));
  let bits = 0;
  let value = 0;
  let k = 0;
  for (let i = 0; i < end; i++) {
    value = (value << 5) | BASE32_ALPHABET.indexOf(s[i]!);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[k++] = (value >>> bits) & 0xff;
    }
    value &= 0xff;
  }
  return bytesToText(bytes.subarray(0, k));
}

function decodeBase64(s: string): string | undefined {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d) end--;
  // A length of 4k+1 cannot be base64; the last character is most likely punctuation that happened to fit.
  if (end % 4 === 1) end--;
  // Node's base64 decoder accepts both the standard and the URL-safe alphabet.
  return bytesToText(Buffer.from(s.slice(0, end), 'base64'));
}

/** All decimal digits: a card, phone, account or order number, not an encoding of text. */
const DIGITS_ONLY_RE = /^[0-9]+$/u;

function decodeToken(s: string): { text: string; via: string } | undefined {
  if (DIGITS_ONLY_RE.test(s)) return undefined;
  if (HEX_RE.test(s)) {
    const text = decodeHex(s);
    if (text !== undefined) return { text, via: 'hex' };
  }
  if (BASE32_RE.test(s)) {
    const text = decodeBase32(s);
    if (text !== undefined) return { text, via: 'base32' };
  }
  const text = decodeBase64(s);
  if (text !== undefined) return { text, via: URL_SAFE_RE.test(s) ? 'base64url' : 'base64' };
  return undefined;
}

/** Base64(url), base32 and hex blobs (plain, 0x-prefixed, or bytes separated by spaces or colons). */
export function decodeBlobs(text: string): Decoded[] {
  return decodeBlobsFrom(text, prescan(text).tokens);
}

/** decodeBlobs given the prescan's token runs (canonicalize shares one prescan with rot13). */
export function decodeBlobsFrom(text: string, tokens: readonly number[]): Decoded[] {
  const out: Decoded[] = [];
  for (let k = 0; k < tokens.length; k += 2) {
    const at = tokens[k]!;
    const token = text.slice(at, tokens[k + 1]);
    const hit = decodeToken(token);
    if (hit) {
      out.push({ text: hit.text, span: [at, at + token.length], via: hit.via });
      continue;
    }
    // A blob inside a path or URL ("/api/aWdub3Jl…") decodes misaligned as a whole; try its pieces.
    if (token.indexOf('/') < 0) continue;
    let from = 0;
    for (let to = token.indexOf('/'); from <= token.length; to = token.indexOf('/', from)) {
      const end = to < 0 ? token.length : to;
      if (end - from >= MIN_BLOB) {
        const piece = decodeToken(token.slice(from, end));
        if (piece) out.push({ text: piece.text, span: [at + from, at + end], via: piece.via });
      }
      if (to < 0) break;
      from = to + 1;
    }
  }
  if (text.indexOf(' ') >= 0 || text.indexOf(':') >= 0) {
    for (const m of text.matchAll(HEX_SEPARATED_RE)) {
      const hex = m[0].replace(/[ :]/gu, '');
      // "12 34 56 78 90 12 34 56" is a grouped number far more often than hex bytes.
      if (DIGITS_ONLY_RE.test(hex)) continue;
      const decoded = bytesToText(Buffer.from(hex, 'hex'));
      if (decoded !== undefined)
        out.push({ text: decoded, span: [m.index, m.index + m[0].length], via: 'hex' });
    }
  }
  return out;
}
