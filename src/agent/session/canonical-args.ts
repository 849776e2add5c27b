// A fingerprint of a tool call for loop detection: key order and formatting must not make two identical calls
// look different, and the fingerprint must not keep the argument values (a hash, not the JSON).
import { createHash } from 'node:crypto';

/** Deepest nesting `canonicalJson` writes out; deeper values are elided (and `maxDepth` lets callers refuse them). */
export const CANONICAL_MAX_DEPTH = 64;

/** JSON with object keys sorted, so key order and formatting do not change it. */
export function canonicalJson(v: unknown): string {
  return canonical(v, 0);
}

/** How deep a JSON value nests (arrays and objects), counted up to `CANONICAL_MAX_DEPTH + 1`. */
export function jsonDepth(v: unknown, depth = 0): number {
  if (depth > CANONICAL_MAX_DEPTH || v === null || typeof v !== 'object') return depth;
  let max = depth;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    max = Math.max(max, jsonDepth(x, depth + 1));
    if (max > CANONICAL_MAX_DEPTH) break;
  }
  return max;
}

function canonical(v: unknown, depth: number): string {
  if (depth > CANONICAL_MAX_DEPTH) return '"…"';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, depth + 1)).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
}

export function callFingerprint(tool: string, args: unknown): string {
  return createHash('sha256').update(tool).update('\u0000').update(canonical(args, 0)).digest('base64url');
}
