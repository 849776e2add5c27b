// Credentials in HTTP Authorization headers (RFC 7617 Basic, RFC 6750 Bearer, and any other scheme or
// none: "Token …", "Api-Token …", a bare token), as pasted from curl commands, logs and HTTP client code.
import { charClassCount, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import type { SecretHit, SecretRule } from './rule.js';

// The scheme word is found first; the credential after it is read with a sticky regex that runs once
// per occurrence, never as a search.
const SCHEME = /bearer|authorization/gi;
const BEARER_VALUE = /[ \t]{1,4}([\w.~+/-]{16,4096}={0,2})(?![\w.~+/=-])/y;
const BASIC_VALUE =
  /["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?:Basic|basic)[ \t]{1,4}([A-Za-z0-9+/]{8,1024}={0,2})(?![\w+/=-])/y;
const PRINTABLE = /^[\x20-\x7e]+$/;
// Any other scheme ("Token", "Api-Token", "Bot", "SSWS", Rails' `Token token="…"`) or none at all: the
// value of an Authorization header is a credential whatever it is called.
const OTHER_VALUE =
  /["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?:([A-Za-z][\w-]{0,30})[ \t]{1,4}(?:token=\\?["']?)?)?([\w.~+/-]{16,4096}={0,2})(?![\w.~+/=-])/y;
const HANDLED_SCHEMES = new Set(['basic', 'bearer']);

function bearerHit(text: string, from: number): SecretHit | undefined {
  BEARER_VALUE.lastIndex = from;
  const m = BEARER_VALUE.exec(text);
  const v = m?.[1];
  if (!m || v === undefined) return undefined;
  if (isPlaceholder(v) || charClassCount(v) < 2 || shannonEntropy(v) < 3.2) return undefined;
  const end = m.index + m[0].length;
  return {
    start: end - v.length,
    end,
    score: 0.8,
    kind: 'bearer_token',
    label: 'Bearer token',
    signals: ['bearer'],
  };
}

function basicHit(text: string, from: number): SecretHit | undefined {
  BASIC_VALUE.lastIndex = from;
  const m = BASIC_VALUE.exec(text);
  const v = m?.[1];
  if (!m || v === undefined) return undefined;
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  // Basic credentials are base64("user:password"); anything else is not a credential pair.
  if (colon < 0 || !PRINTABLE.test(decoded)) return undefined;
  const password = decoded.slice(colon + 1);
  if (password.length < 4 || isPlaceholder(password)) return undefined;
  const end = m.index + m[0].length;
  return {
    start: end - v.length,
    end,
    score: 0.85,
    note: 'decodes to user:password',
    kind: 'http_basic_auth',
    label: 'HTTP Basic credentials',
    signals: ['basic'],
  };
}

function otherHit(text: string, from: number): SecretHit | undefined {
  OTHER_VALUE.lastIndex = from;
  const m = OTHER_VALUE.exec(text);
  const scheme = m?.[1];
  const v = m?.[2];
  if (!m || v === undefined) return undefined;
  if (scheme !== undefined && HANDLED_SCHEMES.has(scheme.toLowerCase())) return undefined;
  if (scheme === undefined && HANDLED_SCHEMES.has(v.toLowerCase())) return undefined;
  // Generated, not prose ("Authorization: see-the-docs"): letters and digits mixed, and without a scheme
  // word a longer value.
  const bare = scheme === undefined;
  if (isPlaceholder(v) || !/[0-9]/.test(v) || !/[A-Za-z]/.test(v) || shannonEntropy(v) < 3.2)
    return undefined;
  if (bare && v.length < 20) return undefined;
  const end = m.index + m[0].length;
  return {
    start: end - v.length,
    end,
    score: bare ? 0.75 : 0.8,
    kind: 'authorization_token',
    label: 'Token in an Authorization header',
    signals: [bare ? 'authorization-bare' : 'authorization-scheme'],
  };
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;

function findAuthHeaders(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  SCHEME.lastIndex = 0;
  for (let m = SCHEME.exec(text); m !== null; m = SCHEME.exec(text)) {
    if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1))) continue;
    const after = m.index + m[0].length;
    const w = m[0];
    // "Bearer", "bearer" or "BEARER"; any casing of "Authorization" (HTTP header names are case-insensitive).
    const bearer = w.length === 6 && (w === 'Bearer' || w === 'bearer' || w === 'BEARER');
    const hit = bearer
      ? bearerHit(text, after)
      : w.length === 13
        ? (basicHit(text, after) ?? otherHit(text, after))
        : undefined;
    if (hit) {
      hits.push(hit);
      SCHEME.lastIndex = Math.max(SCHEME.lastIndex, hit.end);
    }
  }
  return hits;
}

export const authHeader: SecretRule = {
  id: 'authorization-header',
  kind: 'bearer_token',
  label: 'Bearer token',
  anchors: ['bearer', 'authorization'],
  find: findAuthHeaders,
};
