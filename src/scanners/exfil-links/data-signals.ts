// Does a URL carry data? An exfiltration URL has to put the stolen text somewhere the attacker's server
// sees it: a query parameter, a path segment, a subdomain (DNS exfiltration) or userinfo. We look for the
// shapes such payloads take (long values, base64, hex, percent-encoded text, high entropy, many
// parameters) rather than for specific secrets: the model can encode anything it was told.
//
// Signals are split by strength. Strong ones (encoded blobs, credentials, encoded subdomains) are rare in
// links people share; weak ones (a long or percent-encoded value, many parameters) are common in search
// and tracking links, so the scanner scores a clickable link with only weak signals lower.

export interface DataSignalOptions {
  /** A parameter value at least this long (decoded) is a signal. Default 24. */
  minParamLength: number;
  /** Shannon entropy (bits per character) from which a mixed-class value of 16+ chars is "high entropy". Default 3.5. */
  entropyMin: number;
  /** More parameters than this is a signal. Default 5. */
  maxParams: number;
}

export interface DataSignals {
  strong: string[];
  weak: string[];
}

const MAX_PARTS = 256;
const BASE64ISH = /^[A-Za-z0-9+/_.-]{16,8192}={0,2}$/;
const HEXISH = /^(?:0x)?[0-9a-fA-F]{16,8192}$/;
const PERCENT = /%[0-9a-fA-F]{2}/g;
const FILE_EXTENSION = /\.[A-Za-z0-9]{1,5}$/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;
const SYMBOL = /[^A-Za-z0-9]/;
const SPACE = /\s/;

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function classes(s: string): number {
  return +UPPER.test(s) + +LOWER.test(s) + +DIGIT.test(s) + +SYMBOL.test(s);
}

function decode(s: string): string {
  const plus = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

function isBase64ish(v: string): boolean {
  return BASE64ISH.test(v) && UPPER.test(v) && LOWER.test(v) && DIGIT.test(v);
}

function isHexish(v: string): boolean {
  return HEXISH.test(v) && DIGIT.test(v) && /[a-fA-F]/.test(v);
}

function isHighEntropy(v: string, opts: DataSignalOptions): boolean {
  return v.length >= 16 && !SPACE.test(v) && classes(v) >= 3 && shannonEntropy(v) >= opts.entropyMin;
}

function percentHeavy(raw: string): boolean {
  const n = raw.match(PERCENT)?.length ?? 0;
  return n >= 4 && (n * 3) / raw.length >= 0.3;
}

/** Query strings and fragments: `a=b&c=d` (also `;`-separated). */
function params(
  raw: string,
  opts: DataSignalOptions,
  strong: Set<string>,
  weak: Set<string>,
  countParams: boolean,
): void {
  if (raw.length === 0) return;
  let parts = raw.split(/[&;]/, MAX_PARTS + 1);
  if (countParams && parts.length > opts.maxParams) weak.add('many_params');
  if (parts.length > MAX_PARTS) parts = parts.slice(0, MAX_PARTS);
  for (const part of parts) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const rawValue = eq < 0 ? part : part.slice(eq + 1);
    const value = decode(rawValue);
    if (value.length >= opts.minParamLength) weak.add('long_param');
    if (percentHeavy(rawValue)) weak.add('percent_encoded');
    if (isBase64ish(value)) strong.add('base64');
    else if (isHexish(value)) strong.add('hex');
    else if (isHighEntropy(value, opts)) strong.add('high_entropy');
    if (eq > 0) {
      // A key can carry data too: `?c2VjcmV0IHZhbHVl` has no `=` and is handled above as a value.
      const key = decode(part.slice(0, eq));
      if (
        key.length >= opts.minParamLength &&
        (isBase64ish(key) || isHexish(key) || isHighEntropy(key, opts))
      ) {
        strong.add('encoded_key');
      }
    }
  }
}

export function dataSignals(
  url: URL,
  subdomainLabels: readonly string[],
  opts: DataSignalOptions,
): DataSignals {
  const strong = new Set<string>();
  const weak = new Set<string>();
  if (url.username.length > 0 || url.password.length > 0) strong.add('credentials');
  params(url.search.slice(1), opts, strong, weak, true);
  params(url.hash.slice(1), opts, strong, weak, false);

  const segments = url.pathname.split('/', MAX_PARTS);
  for (const seg of segments) {
    if (seg.length < 16) continue;
    const value = decode(seg).replace(FILE_EXTENSION, '');
    if (value.length >= opts.minParamLength && (isBase64ish(value) || isHighEntropy(value, opts))) {
      strong.add('encoded_path');
    } else if (value.length >= 32 && isHexish(value)) {
      // Content hashes (commit ids, asset fingerprints) look like this too: weak on its own.
      weak.add('hex_path');
    } else if (percentHeavy(seg) && value.length >= opts.minParamLength) {
      weak.add('percent_encoded');
    }
  }

  for (const label of subdomainLabels) {
    if (label.startsWith('xn--')) continue;
    // DNS exfiltration encodes data as base32/hex labels: long, with digits mixed in. Long readable labels
    // (`my-company-staging`) have no digits and stay under 32 characters.
    const encoded = isHexish(label) || (DIGIT.test(label) && shannonEntropy(label) >= opts.entropyMin);
    if (label.length >= 32 || (label.length >= 16 && encoded)) {
      strong.add('encoded_subdomain');
    }
  }
  return { strong: [...strong], weak: [...weak] };
}
