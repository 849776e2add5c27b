// What the OpenAI Agents SDK hands a guardrail, as Rampart's labelled segments and plain text. Read by
// duck typing (the SDK's items are JSON): a message keeps its role's trust as in the gateway (system and
// developer → system, user and assistant → user); every other item that carries content — a function
// call's result, a computer/shell/hosted tool's output — is untrusted. Bounded: at most MAX_ITEMS items and
// MAX_CHARS characters of text are read; beyond that the input is refused rather than checked in part.
import type { Segment, Trust } from '../../core/types.js';

export const MAX_ITEMS = 4096;
export const MAX_CHARS = 4_000_000;

const MAX_DEPTH = 8;

/** Too much to check: the guardrail trips rather than pass what it did not read. */
export class TooLargeError extends Error {
  constructor() {
    super('the agent input is too large to check');
  }
}

/** Every string under the text-bearing keys of a content value (a string, a part, a list of parts). */
function textsOf(value: unknown, out: string[], budget: { chars: number }, depth = 0): void {
  if (depth > MAX_DEPTH || value == null) return;
  if (typeof value === 'string') {
    budget.chars -= value.length;
    if (budget.chars < 0) throw new TooLargeError();
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) throw new TooLargeError();
    for (const v of value) textsOf(v, out, budget, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['text', 'refusal', 'output', 'content', 'transcript'])
      if (key in o) textsOf(o[key], out, budget, depth + 1);
  }
}

const ROLE_TRUST: Record<string, Trust> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  assistant: 'user',
};

/** The labelled segments of an agent's input (a string is the user's). Throws TooLargeError past the bounds. */
export function inputSegments(input: string | readonly unknown[]): Segment[] {
  const budget = { chars: MAX_CHARS };
  if (typeof input === 'string') {
    if (input.length > MAX_CHARS) throw new TooLargeError();
    return [{ text: input, trust: 'user', role: 'user', source: 'agent_input' }];
  }
  if (input.length > MAX_ITEMS) throw new TooLargeError();
  const segments: Segment[] = [];
  for (const item of input) {
    if (item === null || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const role = typeof o.role === 'string' ? o.role : undefined;
    const trust: Trust = role !== undefined ? (ROLE_TRUST[role] ?? 'untrusted') : 'untrusted';
    const texts: string[] = [];
    textsOf(role !== undefined ? o.content : (o.output ?? o.content), texts, budget);
    const text = texts.join('\n');
    if (!text) continue;
    const source =
      role !== undefined ? 'agent_input' : typeof o.type === 'string' ? o.type.slice(0, 64) : 'tool';
    segments.push({ text, trust, ...(role !== undefined ? { role } : {}), source });
  }
  return segments;
}

/** A tool's output or an agent's final output as text (JSON for a structured value). */
export function outputText(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length > MAX_CHARS) throw new TooLargeError();
    return value;
  }
  const texts: string[] = [];
  const budget = { chars: MAX_CHARS };
  // Parts ({ type: 'text', text }) read as their text; any other value as its JSON.
  if (Array.isArray(value) || (value !== null && typeof value === 'object' && 'text' in value))
    textsOf(value, texts, budget);
  if (texts.length > 0) return texts.join('\n');
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // a cycle or a BigInt: nothing a model would see as text
  }
  // String() itself throws on an object whose toString is not a function ({ toString: [] }): fall back to the
  // plain tag rather than throw something the guardrail does not expect.
  if (json === undefined)
    try {
      json = String(value);
    } catch {
      json = Object.prototype.toString.call(value);
    }
  if (json.length > MAX_CHARS) throw new TooLargeError();
  return json;
}
