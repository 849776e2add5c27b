// Credentials embedded in URLs (scheme://user:password@host, RFC 3986 userinfo). Database URLs get their own
// category because they usually grant direct data access. The span is the password only: the user name
// and host stay readable in a redacted log line.
//
// Real .env files and chat pastes hold passwords with unencoded '#', '@', '/' and '?', which RFC 3986
// parsing would cut short (at '#', the rest of a password becomes a "fragment" and leaks). So the
// password runs from the ':' after the user name to the LAST '@' that a plausible host[:port] follows,
// before the end of the value (whitespace, or the quote the URL was opened with). An '@' later in the
// path then over-redacts a host and path: the safe way to be wrong. Hand-written scans, no regexes, and
// linear however many "://" and '@' a text holds: value ends and host checks are computed once per text.
import { entropyBar, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import type { SecretHit, SecretRule } from './rule.js';

const MAX_SCHEME = 32;
const MAX_USER = 256;
const MAX_PASSWORD = 256;
const MAX_HOST = 253;

const isSchemeChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 46 || c === 45;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
// Host names: letters, digits, '.', '-', '_' (container names), '~' and '%' (RFC 3986 unreserved, escapes).
const isHostChar = (c: number): boolean =>
  isAlnum(c) || c === 46 || c === 45 || c === 95 || c === 126 || c === 37;
const isSpace = (c: number): boolean =>
  c <= 32 ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96;
// User names stop at what RFC 3986 keeps out of userinfo, and at quotes and brackets around a URL.
const USER_STOP = new Set([...':/?#@"\'`<>\\'].map((ch) => ch.charCodeAt(0)));
// What may follow host[:port]: a path, query or fragment, another host (MongoDB's host list), or the
// punctuation a URL ends with in prose, code and markup.
const AFTER_HOST = new Set([...'/?#,;)]}>"\'`'].map((ch) => ch.charCodeAt(0)));

/** Start of the URL scheme that ends at `sep` ("://"), or -1 when there is none. */
function schemeStart(text: string, sep: number): number {
  let i = sep;
  while (i > 0 && sep - i < MAX_SCHEME && isSchemeChar(text.charCodeAt(i - 1))) i--;
  if (i > 0 && isSchemeChar(text.charCodeAt(i - 1))) return -1;
  // RFC 3986: a scheme starts with a letter; skip leading characters that cannot start one.
  while (i < sep && !isLetter(text.charCodeAt(i))) i++;
  return sep - i >= 2 ? i : -1;
}

/**
 * First index at or after `from` where `stop` holds (text.length if none). Calls come with growing
 * `from` (one per "://", left to right), so each character is looked at about once in all.
 */
function forwardFinder(text: string, stop: (i: number) => boolean): (from: number) => number {
  let lastFrom = Infinity;
  let found = text.length;
  return (from) => {
    if (from >= lastFrom && found >= from) return found;
    lastFrom = from;
    found = text.length;
    for (let i = from; i < text.length; i++) {
      if (stop(i)) {
        found = i;
        break;
      }
    }
    return found;
  };
}

/** Whether the character at `i` is escaped by an odd run of backslashes (JSON, shell double quotes). */
function escaped(text: string, i: number): boolean {
  let n = 0;
  while (n < 64 && i - n - 1 >= 0 && text.charCodeAt(i - n - 1) === 92) n++;
  return n % 2 === 1;
}

/** Whether host[:port] starts at `at` and is followed by the end, whitespace or a URL delimiter. */
function hostFollows(text: string, at: number): boolean {
  let i = at;
  const end = text.length;
  if (text.charCodeAt(i) === 91) {
    // IP literal: [v6 address]
    const stop = Math.min(end, at + 64);
    while (i < stop && text.charCodeAt(i) !== 93) i++;
    if (i >= stop) return false;
    i++;
  } else {
    if (i >= end || !isAlnum(text.charCodeAt(i))) return false;
    const stop = Math.min(end, at + MAX_HOST);
    while (i < stop && isHostChar(text.charCodeAt(i))) i++;
  }
  if (i < end && text.charCodeAt(i) === 58) {
    const portStart = ++i;
    while (i < end && i - portStart < 5 && isDigit(text.charCodeAt(i))) i++;
    if (i === portStart) return false;
  }
  return i >= end || isSpace(text.charCodeAt(i)) || AFTER_HOST.has(text.charCodeAt(i));
}

/** Positions of the '@'s a plausible host follows, ascending; one pass (host reads never overlap). */
function hostAts(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1))
    if (hostFollows(text, at + 1)) out.push(at);
  return out;
}

/** The last element of ascending `xs` with lo < x < hi, or -1. */
function lastBetween(xs: readonly number[], lo: number, hi: number): number {
  let a = 0;
  let b = xs.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (xs[mid]! < hi) a = mid + 1;
    else b = mid;
  }
  const x = a > 0 ? xs[a - 1]! : -1;
  return x > lo ? x : -1;
}

/**
 * Per-text state: where each URL value ends, and the '@'s a host follows. Unquoted, a value ends at
 * whitespace; opened by a quote, at the closing (unescaped) quote or the end of the line, so a quoted
 * password may hold spaces and escaped quotes.
 */
function urlText(text: string) {
  const nextSpace = forwardFinder(text, (i) => isSpace(text.charCodeAt(i)));
  const closers = new Map<number, (from: number) => number>();
  const closer = (q: number) => {
    let f = closers.get(q);
    if (!f) {
      f = forwardFinder(text, (i) => {
        const c = text.charCodeAt(i);
        return c === 10 || c === 13 || (c === q && !escaped(text, i));
      });
      closers.set(q, f);
    }
    return f;
  };
  let ats: number[] | undefined;
  return {
    valueEnd: (from: number, quote: number) => (quote === 0 ? nextSpace(from) : closer(quote)(from)),
    /** The last '@' with a host after it in (lo, hi), or -1. */
    lastHostAt: (lo: number, hi: number) => lastBetween((ats ??= hostAts(text)), lo, hi),
  };
}

const DB_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'oracle',
  'cockroachdb',
  'clickhouse',
  'couchdb',
  'cassandra',
  'neo4j',
  'neo4j+s',
  'bolt',
  'memcached',
  'snowflake',
]);

/**
 * "host:8080/path@x" read as user "host", password "8080/path": a port, not a password. Web URLs carry
 * '@' in paths (profiles, scoped packages), so there a leading port number settles it; a database URL
 * has no such paths, so only a host-shaped "user" (a dot, or localhost) does.
 */
function looksLikePort(text: string, user: string, from: number, to: number, db: boolean): boolean {
  let i = from;
  while (i < to && i - from < 6 && isDigit(text.charCodeAt(i))) i++;
  if (i === from || i - from > 5) return false;
  const next = text.charCodeAt(i);
  if (i < to && next !== 47 && next !== 63 && next !== 35) return false;
  return !db || user.includes('.') || user.toLowerCase() === 'localhost';
}

interface Userinfo {
  user: [number, number];
  password: [number, number];
}

/** The user name and password after "://" at `sep`, or undefined where there are none. */
function readUserinfo(
  text: string,
  state: ReturnType<typeof urlText>,
  sep: number,
  from: number,
  db: boolean,
): Userinfo | undefined {
  const userStart = sep + 3;
  let i = userStart;
  const userStop = Math.min(text.length, userStart + MAX_USER);
  while (i < userStop && !USER_STOP.has(text.charCodeAt(i)) && !isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length || text.charCodeAt(i) !== 58) return undefined;
  const colon = i;
  const before = from > 0 ? text.charCodeAt(from - 1) : 0;
  const end = state.valueEnd(colon + 1, isQuote(before) ? before : 0);
  // The last '@' within reach that a host follows ends the password.
  const at = state.lastHostAt(colon + 1, Math.min(end, colon + 2 + MAX_PASSWORD));
  if (at === -1) return undefined;
  if (looksLikePort(text, text.slice(userStart, colon), colon + 1, at, db)) return undefined;
  return { user: [userStart, colon], password: [colon + 1, at] };
}

export function findUrlCredentials(text: string, entropyMin: number): SecretHit[] {
  const hits: SecretHit[] = [];
  const state = urlText(text);
  for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', sep + 3)) {
    const from = schemeStart(text, sep);
    if (from === -1) continue;
    const scheme = text.slice(from, sep).toLowerCase();
    const db = DB_SCHEMES.has(scheme);
    const info = readUserinfo(text, state, sep, from, db);
    if (info === undefined) continue;
    const user = text.slice(info.user[0], info.user[1]);
    let password = text.slice(info.password[0], info.password[1]);
    let at: readonly [number, number] = info.password;
    if (password === user) continue;
    // GitHub-style "token as user name, fixed dummy password": the user name is the secret.
    if (password === 'x-oauth-basic' && user.length >= 16) {
      password = user;
      at = info.user;
    }
    if (isPlaceholder(password) || isPlaceholder(decodeSafe(password))) continue;
    const weak =
      password.length < 8 || shannonEntropy(password) < entropyBar(password.length, entropyMin) - 0.5;
    hits.push({
      start: at[0],
      end: at[1],
      score: weak ? 0.6 : db ? 0.9 : 0.85,
      ...(weak && { note: 'low-entropy password' }),
      kind: db ? 'db_connection_string' : 'url_credentials',
      label: db ? 'Database connection string password' : 'Password embedded in a URL',
      signals: [db ? 'db-url' : 'url-userinfo'],
    });
    // A "://" inside the password is part of it, not another URL whose smaller hit could win.
    sep = Math.max(sep, info.password[1] - 3);
  }
  return hits;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const urlCredentials: SecretRule = {
  id: 'url-credentials',
  kind: 'url_credentials',
  label: 'Password embedded in a URL',
  anchors: ['://'],
  find: (text, options) => findUrlCredentials(text, options.entropyMin),
};
