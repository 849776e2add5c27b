// Credential-shaped test values, generated at run time from a seeded PRNG. Nothing realistic-looking is
// stored in the repository: push protection and secret scanners would (rightly) flag it.
import { base62, crc32 } from '../../src/scanners/secrets/checksum.js';

let state = 0x2f6b_1d37;
/** Reset the generator so a test file produces the same values on every run. */
export function reseed(seed: number): void {
  state = seed >>> 0 || 1;
}
function next(): number {
  // xorshift32
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const AN = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = `${AN}+/`;
export const B64URL = `${AN}-_`;
export const BASE32 = `${UPPER}234567`;

export function rs(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

/** A classic GitHub-format token: 30 random base62 characters + base62(crc32) checksum. */
export function checksummed(prefix: string): string {
  const body = rs(AN, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}

/** The same token with its checksum broken (last character changed). */
export function brokenChecksum(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return token.slice(0, -1) + last;
}

export const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export function jwtToken(header: object = { alg: 'HS256', typ: 'JWT' }): string {
  return `${b64url(header)}.${b64url({ sub: String(Math.floor(next() * 1e6)), iat: 1700000000 })}.${rs(B64URL, 43)}`;
}

export function pemBlock(kind: string, lines = 6): string {
  const body = Array.from({ length: lines }, () => rs(B64, 64)).join('\n');
  return `-----BEGIN ${kind}-----\n${body}\n${rs(B64, 24)}=\n-----END ${kind}-----`;
}
