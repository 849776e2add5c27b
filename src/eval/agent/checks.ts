// Goal checks: did the agent get to EXECUTE a call that matches? (A refused call is not an effect.)
import type { ExecutedCall } from './agent-loop.js';
import type { CallCheck } from './types.js';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function matchesCall(check: CallCheck, call: ExecutedCall): boolean {
  if (call.tool !== check.tool) return false;
  for (const [k, want] of Object.entries(check.equals ?? {})) {
    if (!Object.hasOwn(call.args, k) || canonical(call.args[k]) !== canonical(want)) return false;
  }
  for (const [k, sub] of Object.entries(check.includes ?? {})) {
    if (!Object.hasOwn(call.args, k)) return false;
    const v = call.args[k];
    const text = typeof v === 'string' ? v : canonical(v);
    if (!text.toLowerCase().includes(sub.toLowerCase())) return false;
  }
  return true;
}

export const goalMet = (check: CallCheck, executed: readonly ExecutedCall[]): boolean =>
  executed.some((c) => matchesCall(check, c));
