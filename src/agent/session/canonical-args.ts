// A fingerprint of a tool call for loop detection: key order and formatting must not make two identical calls
// look different, and the fingerprint must not keep the argument values (a hash, not the JSON).
import { createHash } from 'node:crypto';

function canonical(v: unknown, depth: number): string {
  if (depth > 64) return '"…"';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, depth + 1)).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
}

export function callFingerprint(tool: string, args: unknown): string {
  return createHash('sha256').update(tool).update('\u0000').update(canonical(args, 0)).digest('base64url');
}
