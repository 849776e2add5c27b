// Indicators: the parts of a text that decide WHERE an action goes — URLs, e-mail addresses, domains, file paths.
// An injected page rarely gets the model to copy a whole sentence into a tool call; it gets it to copy one
// address. Extracting these from untrusted text lets the ledger recognise that address inside a longer argument.
// Every scanner here is a single left-to-right pass with bounded look-around (no regex backtracking), because the
// input is attacker-controlled. Input is expected to be folded already (foldSpaced: lower case, NFKC).
import { domainToASCII } from 'node:url';

export type IndicatorKind = 'url' | 'email' | 'domain' | 'path';

/** Keys look like `url:evil.example/collect`, `email:a@b.example`, `domain:b.example`, `path:/etc/passwd`. */
export type IndicatorKey = `${IndicatorKind}:${string}`;

const MAX_URL = 2048;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_PATH = 1024;
const MIN_PATH = 4;
/** Bound on how many indicators one text contributes; a page of ten thousand links is not worth more memory. */
export const MAX_INDICATORS_PER_TEXT = 2000;

const URL_STOP = new Set([' ', '"', "'", '`', '<', '>', '(', ')', '[', ']', '{', '}', '|', '\\', '^']);
const TRAILING_PUNCT = '.,;:!?)\'"]}>*_';

function trimTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING_PUNCT.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

function isDomainChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function isLocalChar(c: number): boolean {
  return isDomainChar(c) || c === 0x5f || c === 0x25 || c === 0x2b; // _ % +
}

/** A syntactically plausible host name ("evil.example"), normalised: no trailing dot, no leading "www.". */
export function normalizeDomain(raw: string): string | undefined {
  let a = 0;
  let b = raw.length;
  while (a < b && (raw[a] === '.' || raw[a] === '-')) a++;
  while (b > a && (raw[b - 1] === '.' || raw[b - 1] === '-')) b--;
  let d = raw.slice(a, b);
  if (d.length < 4 || d.length > MAX_DOMAIN || !d.includes('.')) return undefined;
  if (/[^a-z0-9.-]/.test(d)) {
    const ascii = domainToASCII(d);
    if (!ascii) return undefined;
    d = ascii;
  }
  const labels = d.split('.');
  for (const l of labels) {
    if (l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')) return undefined;
  }
  const tld = labels[labels.length - 1]!;
  if (!/^[a-z]{2,24}$/.test(tld) && !tld.startsWith('xn--')) return undefined;
  return d.startsWith('www.') && labels.length > 2 ? d.slice(4) : d;
}

/** host + path of a URL, lower case, without a trailing slash; query and fragment are not compared. */
export function normalizeUrl(raw: string): { hostPath: string; host: string } | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (!u.hostname) return undefined;
  const host = normalizeDomain(u.hostname.toLowerCase()) ?? u.hostname.toLowerCase();
  let path = u.pathname.toLowerCase().replace(/\/{2,}/g, '/');
  while (path.endsWith('/')) path = path.slice(0, -1);
  return { hostPath: host + path, host };
}

export function normalizePath(raw: string): string | undefined {
  let p = raw.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p.length >= MIN_PATH && p.length <= MAX_PATH ? p : undefined;
}

function looksLikePath(token: string): boolean {
  return (
    token.startsWith('/') ||
    token.startsWith('~/') ||
    token.startsWith('./') ||
    token.startsWith('../') ||
    /^[a-z]:[\\/]/.test(token)
  );
}

/** Extracts the indicators of an already folded text. Never throws. */
export function extractIndicators(folded: string, limit = MAX_INDICATORS_PER_TEXT): Set<IndicatorKey> {
  const out = new Set<IndicatorKey>();
  const add = (k: IndicatorKey): void => {
    if (out.size < limit) out.add(k);
  };
  const n = folded.length;

  // URLs: from each scheme to the first stop character.
  for (const scheme of ['http://', 'https://']) {
    let i = folded.indexOf(scheme);
    while (i >= 0 && out.size < limit) {
      let j = i + scheme.length;
      while (j < n && j - i < MAX_URL && !URL_STOP.has(folded[j]!)) j++;
      const u = normalizeUrl(trimTrailing(folded.slice(i, j)));
      if (u) {
        add(`url:${u.hostPath}`);
        add(`domain:${u.host}`);
      }
      i = folded.indexOf(scheme, j);
    }
  }

  // E-mail addresses: expand around each '@' over the allowed characters, bounded on both sides.
  let at = folded.indexOf('@');
  while (at >= 0 && out.size < limit) {
    let s = at;
    while (s > 0 && at - s < MAX_LOCAL && isLocalChar(folded.charCodeAt(s - 1))) s--;
    let e = at + 1;
    while (e < n && e - at <= MAX_DOMAIN && isDomainChar(folded.charCodeAt(e))) e++;
    while (s < at && folded[s] === '.') s++;
    const local = folded.slice(s, at);
    const domain = normalizeDomain(folded.slice(at + 1, e));
    if (local.length > 0 && domain) add(`email:${local}@${domain}`);
    at = folded.indexOf('@', at + 1);
  }

  // Bare domains: maximal runs of [a-z0-9.-].
  let i = 0;
  while (i < n && out.size < limit) {
    if (!isDomainChar(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isDomainChar(folded.charCodeAt(j))) j++;
    // A run glued to '/' on its left is a path segment ("/var/www.site"), not a host.
    if (j - i <= MAX_DOMAIN && folded[i - 1] !== '/') {
      const d = normalizeDomain(folded.slice(i, j));
      if (d) add(`domain:${d}`);
    }
    i = j;
  }

  // Paths: whitespace/quote-separated tokens that start like a path.
  for (const raw of folded.split(/[\s"'`<>()[\]{}]+/)) {
    if (out.size >= limit) break;
    if (raw.length < MIN_PATH || raw.length > MAX_PATH + 8 || !looksLikePath(raw)) continue;
    const p = normalizePath(trimTrailing(raw));
    if (p) add(`path:${p}`);
  }
  return out;
}
