// Private key blocks: PEM (PKCS#1, PKCS#8, SEC1, DSA, encrypted), OpenSSH, PGP, PuTTY. The span is the whole
// block. Public keys and certificates never match: the BEGIN line must say PRIVATE KEY.
import type { SecretHit, SecretRule } from './rule.js';

const BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
const MAX_BLOCK = 65_536;
const isBase64Char = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
const HEADER_LINE = /^[A-Za-z-]{2,32}:/;
const LINE_PREFIX = /^[\s"'>|#*/]*/;

/**
 * Whether the text between BEGIN and END holds key material rather than "..." or a placeholder:
 * at least 64 base64 characters, and nearly nothing else. Escaped newlines (JSON) count as line breaks;
 * a leading '+' or quote per line (diffs, string literals) is tolerated.
 */
export function looksLikeKeyBody(body: string): boolean {
  const marks = ['...', '…', 'xxxxxxxx', 'XXXXXXXX', '<'];
  if (marks.some((s) => body.includes(s))) return false;
  let b64 = 0;
  let other = 0;
  for (const raw of body.split(/\\n|\r?\n/)) {
    const line = raw.replace(LINE_PREFIX, '');
    if (line === '' || line.startsWith('-----') || HEADER_LINE.test(line)) continue;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (isBase64Char(c)) b64++;
      // Spaces, tabs, quotes, commas and backslashes are the wrapping of keys pasted into code or JSON.
      else if (c !== 32 && c !== 9 && c !== 34 && c !== 44 && c !== 92) other++;
    }
  }
  return b64 >= 64 && other <= b64 / 20;
}

function encrypted(kind: string, body: string): boolean {
  return kind.includes('ENCRYPTED') || body.includes('Proc-Type: 4,ENCRYPTED');
}

const B64_LINE = /^[A-Za-z0-9+/=]{16,100}$/;

/** End of the run of base64 (or header) lines after a BEGIN line that has no END line. */
function truncatedEnd(
  text: string,
  from: number,
  limit: number,
  nextNewline: (from: number) => number,
): number {
  let end = from;
  let pos = from;
  while (pos < limit) {
    let nl = nextNewline(pos);
    if (nl === -1 || nl > limit) nl = limit;
    // JSON-escaped newlines split one physical line into several logical ones.
    const escAt = text.slice(pos, nl).indexOf('\\n');
    const esc = escAt === -1 ? -1 : pos + escAt;
    const lineEnd = esc === -1 ? nl : esc;
    const line = text.slice(pos, lineEnd).replace(LINE_PREFIX, '').trimEnd();
    if (line !== '') {
      if (!B64_LINE.test(line) && !HEADER_LINE.test(line)) break;
      end = lineEnd;
    }
    pos = lineEnd === esc ? lineEnd + 2 : lineEnd + 1;
  }
  return end;
}

/**
 * indexOf with memory: successive lookups from increasing positions scan the text once in total, so a text of
 * many BEGIN lines and no END line stays linear.
 */
function seeker(text: string, needle: string): (from: number) => number {
  let at = -2;
  return (from) => {
    if (at === -1) return -1;
    if (at < from) at = text.indexOf(needle, from);
    return at;
  };
}

function findPem(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const nextEnd = seeker(text, '-----END ');
  const nextBeginFrom = seeker(text, '-----BEGIN ');
  const nextNewline = seeker(text, '\n');
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const limit = Math.min(text.length, bodyStart + MAX_BLOCK);
    const endAt = nextEnd(bodyStart);
    const nextBegin = nextBeginFrom(bodyStart);
    let end: number;
    let body: string;
    if (endAt !== -1 && endAt < limit && (nextBegin === -1 || endAt < nextBegin)) {
      const close = text.indexOf('-----', endAt + 9);
      end = close !== -1 && close - endAt < 80 ? close + 5 : endAt + 9;
      body = text.slice(bodyStart, endAt);
    } else {
      // Truncated block (no END line): the key material up to the first line that is not base64.
      end = truncatedEnd(text, bodyStart, nextBegin === -1 ? limit : Math.min(limit, nextBegin), nextNewline);
      body = text.slice(bodyStart, end);
    }
    if (!looksLikeKeyBody(body)) continue;
    const kind = m[1] ?? '';
    hits.push({
      start: m.index,
      end,
      score: encrypted(kind, body) ? 0.9 : 0.97,
      ...(encrypted(kind, body) && { note: 'encrypted' }),
      signals: [kind.includes('OPENSSH') ? 'openssh' : kind.includes('PGP') ? 'pgp' : 'pem'],
    });
    BEGIN.lastIndex = Math.max(BEGIN.lastIndex, end);
  }
  return hits;
}

const PUTTY = /PuTTY-User-Key-File-[23]: [\w-]{1,40}/g;
const PRIVATE_LINES = /Private-Lines: (\d{1,3})\r?\n/y;
const PRIVATE_MAC = /Private-MAC: [0-9a-f]{40,128}/y;

/**
 * PuTTY .ppk files: the header, public lines, then "Private-Lines: N" and N base64 lines (the private
 * key, encrypted or not), then the MAC. The span runs from the header through the MAC line.
 */
function findPutty(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const nextPrivate = seeker(text, 'Private-Lines:');
  const nextHeader = seeker(text, 'PuTTY-User-Key-File-');
  PUTTY.lastIndex = 0;
  for (let m = PUTTY.exec(text); m !== null; m = PUTTY.exec(text)) {
    const priv = nextPrivate(m.index);
    const following = nextHeader(m.index + 1);
    if (priv === -1 || priv - m.index > 8192 || (following !== -1 && following < priv)) continue;
    PRIVATE_LINES.lastIndex = priv;
    const count = PRIVATE_LINES.exec(text);
    if (count === null) continue;
    // Walk exactly N lines of base64; anything else means this is not a key file.
    let pos = PRIVATE_LINES.lastIndex;
    let ok = Number(count[1]) > 0;
    for (let i = 0; ok && i < Number(count[1]); i++) {
      const nl = text.slice(pos, pos + 101).indexOf('\n');
      const lineEnd = nl === -1 ? Math.min(text.length, pos + 101) : pos + nl;
      ok = B64_LINE.test(text.slice(pos, lineEnd).trimEnd());
      pos = lineEnd + 1;
    }
    if (!ok) continue;
    let end = Math.min(text.length, pos - 1);
    PRIVATE_MAC.lastIndex = pos;
    if (PRIVATE_MAC.exec(text) !== null) end = PRIVATE_MAC.lastIndex;
    const enc = /Encryption: (?!none)/.test(text.slice(m.index, priv));
    hits.push({
      start: m.index,
      end,
      score: enc ? 0.9 : 0.97,
      ...(enc && { note: 'encrypted' }),
      signals: ['putty'],
    });
    PUTTY.lastIndex = Math.max(PUTTY.lastIndex, end);
  }
  return hits;
}

export const privateKey: SecretRule = {
  id: 'private-key-block',
  kind: 'private_key',
  label: 'Private key',
  anchors: ['private key', 'putty-user-key-file'],
  find: (text) => [...findPem(text), ...findPutty(text)],
};
