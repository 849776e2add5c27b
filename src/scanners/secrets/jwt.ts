// JSON Web Tokens (JWS compact form). Three base64url parts are common in data; a JWT is one whose header
// and payload DECODE to JSON objects and whose header names an algorithm.
import type { SecretHit, SecretRule } from './rule.js';

const JWT = /(?<![\w.-])eyJ[\w-]{6,2048}\.[\w-]{2,16384}\.[\w-]{0,2048}(?![\w.-])/g;

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function findJwts(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  JWT.lastIndex = 0;
  for (let m = JWT.exec(text); m !== null; m = JWT.exec(text)) {
    const [h = '', p = '', sig = ''] = m[0].split('.');
    const header = jsonObject(h);
    // JWE headers carry "enc"; their payload is ciphertext, and they have five parts (excluded above).
    if (!header || typeof header.alg !== 'string' || 'enc' in header) continue;
    if (!jsonObject(p)) continue;
    const unsigned = header.alg.toLowerCase() === 'none';
    if (!unsigned && sig.length < 16) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      score: unsigned ? 0.7 : 0.9,
      note: unsigned ? 'unsigned, header and payload decoded' : 'header and payload decoded',
      signals: [unsigned ? 'alg-none' : 'signed'],
    });
  }
  return hits;
}

export const jwt: SecretRule = {
  id: 'jwt',
  kind: 'jwt',
  label: 'JSON Web Token',
  anchors: ['eyj'],
  find: findJwts,
};
