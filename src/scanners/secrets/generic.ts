// Keyword-gated assignments: a value assigned to a name that says password / secret / token / api key, in
// .env, YAML, JSON, INI, properties files, code and prose ("my password is …"). No structure to verify, so
// the value must look random (entropy scaled to its length, more than one character class, not an
// identifier, path, URL or template) and scores stay between 0.6 and 0.84: below every structured format.
import { charClassCount, entropyBar, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import type { SecretHit, SecretRule, SecretsOptions } from './rule.js';

// Keywords, found case-insensitively; keywordStarts() then rejects "bypass" and "compass" while keeping
// "dbPassword", "DB_PASSWORD" and "requirepass".
const KEYWORD =
  /pass(?:word|wd|phrase)?|pwd|secret|token|credentials?|masterauth|(?:api|access|private)[_.-]?key/gi;

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** Whether the keyword at `at` starts a name part rather than sitting inside another word. */
function keywordStarts(text: string, at: number, keyword: string): boolean {
  const lower = keyword.toLowerCase();
  // Only "pass" and "pwd" hide inside ordinary words (bypass, compass…).
  if (!lower.startsWith('pass') && lower !== 'pwd') return true;
  const prev = at > 0 ? text.charCodeAt(at - 1) : 0;
  if (!isLower(prev) && !isUpper(prev)) return true;
  if (text.slice(Math.max(0, at - 7), at).toLowerCase() === 'require') return true;
  // camelCase boundary: dbPassword, not dbpassword or BYPASS.
  return isLower(prev) && isUpper(keyword.charCodeAt(0));
}

// After the name: a separator, then the value, double-, single- or back-quoted (groups 1-3) or bare
// (group 4). Sticky: it runs once at the end of each name, never as a search.
const SEPARATOR_VALUE =
  /["'\]]?(?:[ \t]{0,8}(?::=|=>|==?|:)[ \t]{0,8}|[ \t]{1,4}is[ \t]{1,4})(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|`([^`\r\n]{1,256})`|([^\s"'`,;<>(){}[\]]{1,256}))/y;

const MAX_NAME_TAIL = 40;
const isNameChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;

// Names that hold something about a secret rather than the secret: ids, lengths, URLs, file paths, flags.
const NOT_SECRET_SUFFIX =
  /(?:^|[_.-])(?:ids?|type|names?|url|uri|path|file|dir|length|len|count|limit|min|max|size|ttl|expires?|expiry|expiration|timeout|header|hint|label|field|policy|env|var|endpoint|format|prompt|regex|pattern|rules?|mode|enabled|required|reset|changed|updated|created|at|version|usage|provider|strategy|location|store|manager|rounds|placeholder|description|help|title|text|message|error|example|template|question|strength|complexity|validation|confirm|confirmation|field_name|input)$/i;

const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const WORDISH =
  /^(?:[a-z]+(?:[A-Z][a-z]+)+|[a-z]+(?:[_-][a-z]+)+|[A-Z]+(?:_[A-Z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)*)$/;
const PATH_OR_URL =
  /^(?:[a-z][a-z0-9+.-]{1,20}:\/\/|~?\.{0,2}\/|[A-Za-z]:\\)|\.(?:pem|key|json|ya?ml|txt|crt|cer|p12|pfx|env|cfg|conf|ini|properties)$/i;
const QUERY_NEXT = /&[A-Za-z_][\w.-]{0,40}=/;

type Flavour = 'password' | 'secret' | 'token' | 'api key' | 'private key' | 'credential';

function flavour(keyword: string): Flavour {
  const k = keyword.toLowerCase();
  if (k.startsWith('pass') || k === 'pwd' || k === 'requirepass' || k === 'masterauth') return 'password';
  if (k.startsWith('secret')) return 'secret';
  if (k.startsWith('token')) return 'token';
  if (k.startsWith('private')) return 'private key';
  if (k.startsWith('cred')) return 'credential';
  return 'api key';
}

const LABELS: Readonly<Record<Flavour, string>> = {
  password: 'Hard-coded password',
  secret: 'Hard-coded secret',
  token: 'Hard-coded token',
  'api key': 'Hard-coded API key',
  'private key': 'Hard-coded private key value',
  credential: 'Hard-coded credential',
};

/** Score for a value that passed the gates: more randomness above the bar, more confidence. */
function score(value: string, bar: number): number {
  const h = shannonEntropy(value);
  const margin = Math.min(1, Math.max(0, (h - bar) / 1.2));
  return Math.min(0.84, 0.62 + 0.18 * margin + (value.length >= 16 ? 0.04 : 0));
}

export function acceptValue(
  value: string,
  kind: Flavour,
  bare: boolean,
  prose: boolean,
  o: SecretsOptions,
): number | undefined {
  const min = kind === 'password' ? 6 : 10;
  if (value.length < (prose ? 8 : min) || isPlaceholder(value)) return undefined;
  if (prose && charClassCount(value) < 3) return undefined;
  if (/^\d{1,7}$/.test(value)) return undefined;
  if (PATH_OR_URL.test(value) || WORDISH.test(value)) return undefined;
  if (bare && DOTTED_IDENTIFIER.test(value)) return undefined;
  if (charClassCount(value) < 2 && value.length < 20) return undefined;
  const bar = entropyBar(value.length, o.entropyMin);
  if (shannonEntropy(value) < bar) return undefined;
  return score(value, bar);
}

function findAssignments(text: string, o: SecretsOptions): SecretHit[] {
  const hits: SecretHit[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
    if (!keywordStarts(text, m.index, m[0])) continue;
    // Walk the rest of the name by hand and resume the keyword search after it: every character is
    // looked at a bounded number of times, whatever mix of keywords and name characters the text holds.
    const tailStart = m.index + m[0].length;
    let j = tailStart;
    const stop = Math.min(text.length, tailStart + MAX_NAME_TAIL);
    while (j < stop && isNameChar(text.charCodeAt(j))) j++;
    KEYWORD.lastIndex = j;
    if (j === stop && j < text.length && isNameChar(text.charCodeAt(j))) continue;
    const tail = text.slice(tailStart, j);
    // "tokenizer", "secretary", "passwords": the keyword is the start of another word.
    if (/^[a-z]/.test(tail) || NOT_SECRET_SUFFIX.test(`${m[0]}${tail}`)) continue;
    SEPARATOR_VALUE.lastIndex = j;
    const v = SEPARATOR_VALUE.exec(text);
    if (v === null) continue;
    KEYWORD.lastIndex = SEPARATOR_VALUE.lastIndex;
    const group = [1, 2, 3, 4].find((g) => v[g] !== undefined) ?? 4;
    let value = v[group] ?? '';
    const bare = group === 4;
    // The value ends the match (then at most a closing quote), so its offsets follow from the match's end.
    const start = v.index + v[0].length - (bare ? 0 : 1) - value.length;
    if (bare) {
      // Code, not a literal: `password = getpass()`, `token = headers["x"]`.
      const next = text[start + value.length];
      if (next === '(' || next === '[') continue;
      const q = value.search(QUERY_NEXT);
      if (q > 0) value = value.slice(0, q);
    }
    const kind = flavour(m[0]);
    const prose = / is[ \t]/.test(v[0]);
    const s = acceptValue(value, kind, bare, prose, o);
    if (s === undefined) continue;
    hits.push({
      start,
      end: start + value.length,
      score: s,
      label: LABELS[kind],
      signals: [`keyword-${kind.replace(' ', '-')}`],
    });
  }
  return hits;
}

// mysql / mysqldump / mariadb take the password glued to -p: `mysql -u root -p'secret'`. The flag is
// found first; the command name is then looked for earlier on the same line.
const DASH_P = /(?<=[ \t])-p(['"]?)([^\s'"]{1,128})/g;
const MYSQL_COMMAND = /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b/g;

function findCliPasswords(text: string, o: SecretsOptions): SecretHit[] {
  const hits: SecretHit[] = [];
  const commands: number[] = [];
  MYSQL_COMMAND.lastIndex = 0;
  for (let m = MYSQL_COMMAND.exec(text); m !== null; m = MYSQL_COMMAND.exec(text)) commands.push(m.index);
  if (commands.length === 0) return hits;
  let k = 0;
  DASH_P.lastIndex = 0;
  for (let m = DASH_P.exec(text); m !== null; m = DASH_P.exec(text)) {
    // The closest command before the flag, on the same line and at most 200 characters back.
    while (k + 1 < commands.length && commands[k + 1]! < m.index) k++;
    const c = commands[k];
    if (c === undefined || c >= m.index || m.index - c > 200 || text.slice(c, m.index).includes('\n'))
      continue;
    const value = m[2] ?? '';
    const start = m.index + 2 + (m[1] ?? '').length;
    const s = acceptValue(value, 'password', m[1] === '', false, o);
    if (s === undefined) continue;
    hits.push({
      start,
      end: start + value.length,
      score: s,
      kind: 'cli_password',
      label: 'Password on a command line',
      signals: ['mysql-p'],
    });
  }
  return hits;
}

export const genericAssignment: SecretRule = {
  id: 'generic-assignment',
  kind: 'generic_assignment',
  label: 'Hard-coded secret',
  fallback: true,
  anchors: [
    'pass',
    'pwd',
    'secret',
    'token',
    'api',
    'access',
    'private',
    'credential',
    'masterauth',
    'mysql',
    'mariadb',
  ],
  find: (text, o) => (o.generic ? [...findAssignments(text, o), ...findCliPasswords(text, o)] : []),
};
