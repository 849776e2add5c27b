// Values that look like credentials but are documentation, templates or masks. Reporting them would teach
// users to ignore the scanner, so they are dropped before scoring.
import { distinctAtMost, hasFillerRun } from './entropy.js';

// AWS's own documented example credentials (docs.aws.amazon.com), which appear in countless READMEs.
const AWS_DOC_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);

// Marker words a random token essentially never contains (a 7-letter word appears in a random base62
// string with probability ~1e-11 per position) but which every sample value does.
const MARKERS =
  /example|sample|dummy|placeholder|redacted|changeme|change_me|your[_-]|yourkey|yoursecret|_here(?![A-Za-z])|-here(?![A-Za-z])|insert[_-]|xxxxx|\*\*\*|\.\.\.|…|•••/i;

// Template syntax from shells, CI systems, Jinja/Helm, Python %-formatting, Ruby and Windows.
const TEMPLATE =
  /\$\{|\{\{|%\([\w.]{1,64}\)s|#\{|^\$[A-Za-z_]\w{0,64}$|^%[A-Za-z_]\w{0,64}%$|^<[^<>]{0,64}>$/;

// Exact values people type when they mean "put the real one here" (compared lower-cased, digits stripped).
const WORDS = new Set([
  'password',
  'passw0rd',
  'passwd',
  'pass',
  'secret',
  'changeme',
  'changeit',
  'admin',
  'root',
  'test',
  'testing',
  'example',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'todo',
  'tbd',
  'fixme',
  'redacted',
  'hidden',
  'masked',
  'foo',
  'bar',
  'foobar',
  'qwerty',
  'letmein',
  'default',
  'token',
  'apikey',
  'api_key',
  'mypassword',
  'mysecret',
  'yourpassword',
  'your_password_here',
  'secretpassword',
  'supersecret',
  'user',
  'guest',
  'postgres',
  'mysql',
  'abc',
  'abcdef',
  'xyz',
  '',
]);

const MAX_WORD = 24;

function withoutTrailingDigits(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) >= 48 && s.charCodeAt(end - 1) <= 57) end--;
  return s.slice(0, end);
}

const MAX_CHUNK = 16;

/**
 * Whether most of `s` (60%, at least two whole copies) is one chunk of at most 16 characters repeated:
 * "abc123xyz456abc123xyz456…", "deadbeefdeadbeef…". Hand-made fillers; in a random token of 16 or more
 * characters such a stretch is vanishingly rare (for 16 hex characters about 3 in 100,000).
 */
export function repeatsChunk(s: string): boolean {
  const n = s.length;
  for (let p = 1; p <= MAX_CHUNK && 2 * p <= n; p++) {
    const need = Math.max(p, Math.ceil(0.6 * n) - p);
    let run = 0;
    for (let i = p; i < n; i++) {
      run = s.charCodeAt(i) === s.charCodeAt(i - p) ? run + 1 : 0;
      if (run >= need) return true;
    }
  }
  return false;
}

export function isPlaceholder(value: string): boolean {
  if (AWS_DOC_EXAMPLES.has(value)) return true;
  if (MARKERS.test(value) || TEMPLATE.test(value)) return true;
  if (value.length <= MAX_WORD) {
    const lower = value.toLowerCase();
    if (WORDS.has(lower) || WORDS.has(withoutTrailingDigits(lower))) return true;
  }
  if (value.length >= 16 && repeatsChunk(value)) return true;
  return value.length >= 6 && (hasFillerRun(value) || distinctAtMost(value, 3) <= 3);
}
