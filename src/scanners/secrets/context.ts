// Credentials with no prefix of their own, reported only next to the thing that gives them away: an AWS
// secret key next to its key id, a Twilio auth token next to its account SID, a private key inside a
// Google service-account file.
import { charClassCount, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import { looksLikeKeyBody } from './private-key.js';
import type { SecretHit, SecretRule } from './rule.js';

const NEAR = 320;

function positions(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (!isPlaceholder(m[0])) out.push(m.index);
  return out;
}

/** Whether a sorted list of positions has one within NEAR of `at` (binary search: many anchors stay cheap). */
function near(anchors: readonly number[], at: number): boolean {
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (anchors[mid]! < at - NEAR) lo = mid + 1;
    else hi = mid;
  }
  return lo < anchors.length && anchors[lo]! <= at + NEAR;
}

const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
// 40 characters of standard base64 with no padding, standing alone.
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** "aws … secret" or "secret … access … key" in the few characters before a candidate. */
function awsSecretName(before: string): boolean {
  const s = before.toLowerCase();
  const secret = s.lastIndexOf('secret');
  if (secret === -1) return false;
  const aws = s.indexOf('aws');
  return (aws !== -1 && aws < secret) || s.indexOf('access', secret) !== -1;
}
const HEX_ONLY = /^[0-9a-fA-F]+$/;

const SECRET_WORD = /secret/gi;

/**
 * Windows of text worth searching for a bare 40-character secret: around each key id, and just after each
 * "secret". Merged and scanned once, so prose without either costs nothing.
 */
function awsWindows(text: string, ids: readonly number[]): Array<[number, number]> {
  const raw: Array<[number, number]> = ids.map((i) => [Math.max(0, i - NEAR), i + NEAR]);
  SECRET_WORD.lastIndex = 0;
  for (let m = SECRET_WORD.exec(text); m !== null; m = SECRET_WORD.exec(text))
    raw.push([m.index, m.index + 120]);
  raw.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const w of raw) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([w[0], w[1]]);
  }
  return out;
}

const awsSecretKey: SecretRule = {
  id: 'aws-secret-access-key',
  kind: 'aws_secret_key',
  label: 'AWS secret access key',
  anchors: ['akia', 'asia', 'abia', 'acca', 'aws'],
  find(text) {
    const ids = positions(AWS_KEY_ID, text);
    const hits: SecretHit[] = [];
    for (const [from, to] of awsWindows(text, ids)) {
      // Scan a slice (one character of context each side) so a window never searches past its end.
      const lo = Math.max(0, from - 1);
      const part = text.slice(lo, Math.min(text.length, to + 42));
      AWS_SECRET.lastIndex = from - lo;
      for (let m = AWS_SECRET.exec(part); m !== null && lo + m.index <= to; m = AWS_SECRET.exec(part)) {
        const v = m[0];
        const at = lo + m.index;
        // Git SHA-1s and other hex digests are 40 characters too; a real key mixes cases and digits.
        if (HEX_ONLY.test(v) || charClassCount(v) < 3 || shannonEntropy(v) < 4 || isPlaceholder(v)) continue;
        if (near(ids, at)) {
          hits.push({ start: at, end: at + 40, score: 0.9, note: 'next to an AWS access key ID' });
        } else if (awsSecretName(text.slice(Math.max(0, at - 80), at))) {
          hits.push({ start: at, end: at + 40, score: 0.85, note: 'after an AWS secret key name' });
        }
      }
    }
    return hits;
  },
};

const TWILIO_SID = /(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])/g;
const HEX32 = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])/g;
const AUTH_TOKEN_KEYWORD = /auth[\s_.-]?token/i;

const twilioAuthToken: SecretRule = {
  id: 'twilio-auth-token',
  kind: 'twilio_auth_token',
  label: 'Twilio auth token',
  anchors: ['twilio', 'auth_token', 'authtoken'],
  find(text) {
    const sids = positions(TWILIO_SID, text);
    const mentionsTwilio = /twilio/i.test(text);
    const hits: SecretHit[] = [];
    HEX32.lastIndex = 0;
    for (let m = HEX32.exec(text); m !== null; m = HEX32.exec(text)) {
      if (shannonEntropy(m[0]) < 3.2 || isPlaceholder(m[0])) continue;
      const keyword = AUTH_TOKEN_KEYWORD.test(text.slice(Math.max(0, m.index - 60), m.index));
      if ((sids.length > 0 && near(sids, m.index)) || (keyword && mentionsTwilio)) {
        hits.push({
          start: m.index,
          end: m.index + 32,
          score: 0.85,
          note: 'next to a Twilio account SID or auth token name',
        });
      }
    }
    return hits;
  },
};

const SERVICE_ACCOUNT = /"type"\s{0,8}:\s{0,8}"service_account"/;
// The key is a JSON string: newlines are escaped, so the value cannot contain a raw quote.
const SA_PRIVATE_KEY =
  /"private_key"\s{0,8}:\s{0,8}"(-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[^"]{40,16384})"/g;

const gcpServiceAccount: SecretRule = {
  id: 'gcp-service-account-key',
  kind: 'gcp_service_account',
  label: 'Google Cloud service account key',
  anchors: ['service_account'],
  find(text) {
    if (!SERVICE_ACCOUNT.test(text)) return [];
    const hits: SecretHit[] = [];
    SA_PRIVATE_KEY.lastIndex = 0;
    for (let m = SA_PRIVATE_KEY.exec(text); m !== null; m = SA_PRIVATE_KEY.exec(text)) {
      const key = m[1] ?? '';
      const end = m.index + m[0].length - 1; // the key is followed only by the closing quote
      if (!looksLikeKeyBody(key)) continue;
      hits.push({ start: end - key.length, end, score: 0.99, note: 'private key in a service-account file' });
    }
    return hits;
  },
};

export const CONTEXT_RULES: readonly SecretRule[] = [awsSecretKey, twilioAuthToken, gcpServiceAccount];
