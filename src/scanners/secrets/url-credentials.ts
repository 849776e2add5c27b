// Credentials embedded in URLs (scheme://user:password@host, RFC 3986 userinfo). Database URLs get their own
// category because they usually grant direct data access. The span is the password only: the user name
// and host stay readable in a redacted log line.
import { entropyBar, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import type { SecretHit, SecretRule } from './rule.js';

// Userinfo after "://": user (no ':'), ':' then password, then '@' and a host. Sticky: it runs once per
// "://", found with indexOf, so text full of words never pays for a scheme search at every position.
const USERINFO = /([^\s:/?#@"'`<>\\]{0,256}):([^\s/?#@"'`<>\\]{1,256})@(?=[\w[.-])/y;
const MAX_SCHEME = 32;

const isSchemeChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 46 || c === 45;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Start of the URL scheme that ends at `sep` ("://"), or -1 when there is none. */
function schemeStart(text: string, sep: number): number {
  let i = sep;
  while (i > 0 && sep - i < MAX_SCHEME && isSchemeChar(text.charCodeAt(i - 1))) i--;
  if (i > 0 && isSchemeChar(text.charCodeAt(i - 1))) return -1;
  // RFC 3986: a scheme starts with a letter; skip leading characters that cannot start one.
  while (i < sep && !isLetter(text.charCodeAt(i))) i++;
  return sep - i >= 2 ? i : -1;
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

export function findUrlCredentials(text: string, entropyMin: number): SecretHit[] {
  const hits: SecretHit[] = [];
  for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', sep + 3)) {
    const from = schemeStart(text, sep);
    if (from === -1) continue;
    USERINFO.lastIndex = sep + 3;
    const m = USERINFO.exec(text);
    if (m === null) continue;
    const scheme = text.slice(from, sep).toLowerCase();
    const user = m[1] ?? '';
    let password = m[2] ?? '';
    const userStart = sep + 3;
    let at = [userStart + user.length + 1, m.index + m[0].length - 1] as const;
    if (password === user) continue;
    // GitHub-style "token as user name, fixed dummy password": the user name is the secret.
    if (password === 'x-oauth-basic' && user.length >= 16) {
      password = user;
      at = [userStart, userStart + user.length] as const;
    }
    if (isPlaceholder(password) || isPlaceholder(decodeSafe(password))) continue;
    const db = DB_SCHEMES.has(scheme);
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
