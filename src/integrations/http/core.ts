// The framework-free half of rampart/http: read one field of a JSON request body (an OpenAI-style
// `messages` array, labelled with the gateway's trust rules, or a `prompt` string), check it with the
// guard, and say what to answer. Adapters (express.ts, hono.ts) only move bytes and attach the decision.
import { isStopping } from '../../core/actions.js';
import { isRampartError } from '../../core/errors.js';
import type { Decision, Segment } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';
import { chatSegments } from '../../gateway/chat/segments.js';
import { errorBody, errorInitFor } from '../../gateway/http-errors.js';
import type { ChatRequest } from '../../gateway/openai-types.js';

export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export interface RampartHttpOptions {
  guard: Guard;
  /** The body field to check: `messages` (OpenAI-style array) or `prompt` (a string). Default `messages`. */
  field?: 'messages' | 'prompt';
  /** Largest body read, in bytes (default 1 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /** A body that is not JSON or lacks the field: `reject` (400, default: fail closed) or `pass` (goes on
   *  unchecked, with no decision attached). */
  onInvalid?: 'reject' | 'pass';
}

/** What the middleware attaches to the request. */
export interface RampartRequestInfo {
  decision: Decision;
  /** The parsed body (adapters that consume the stream hand it on here). */
  body: unknown;
}

export interface HttpErrorAnswer {
  status: number;
  body: {
    error: { message: string; type: string; code: string | null; param: string | null } & Record<
      string,
      unknown
    >;
  };
}

export type HttpVerdict =
  | { kind: 'pass'; info: RampartRequestInfo }
  | { kind: 'skip'; body: unknown }
  | { kind: 'answer'; answer: HttpErrorAnswer };

const invalid = (
  message: string,
  param: string | null = null,
  code: string | null = null,
): HttpErrorAnswer => ({
  status: 400,
  body: { error: { message, type: 'invalid_request_error', code, param } },
});

export const tooLarge = (max: number): HttpErrorAnswer => ({
  status: 413,
  body: {
    error: {
      message: `Request body exceeds ${max} bytes`,
      type: 'invalid_request_error',
      code: 'request_too_large',
      param: null,
    },
  },
});

function categoriesOf(d: Decision): string[] {
  return [...new Set(d.findings.filter((f) => isStopping(f.action)).map((f) => f.category))];
}

function blocked(d: Decision): HttpErrorAnswer {
  const blocking = d.findings.find((f) => isStopping(f.action));
  const code = (blocking ?? d.findings[0])?.category ?? 'policy';
  const cats = categoriesOf(d);
  return {
    status: 400,
    body: {
      error: {
        message: `Rampart blocked this request (${cats.join(', ') || code})`,
        type: 'rampart_policy_violation',
        code,
        param: null,
        rampart: { stage: d.stage, action: d.action, categories: cats },
      },
    },
  };
}

function segmentsOf(body: unknown, field: 'messages' | 'prompt'): Segment[] | string {
  const value = (body as Record<string, unknown>)[field];
  if (field === 'prompt') {
    if (typeof value !== 'string') return '`prompt` must be a string';
    return [{ text: value, trust: 'user', role: 'user', source: 'prompt' }];
  }
  if (!Array.isArray(value)) return '`messages` must be an array';
  for (const [i, m] of value.entries()) {
    if (m === null || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string')
      return `messages[${i}] must be an object with a string role`;
  }
  return chatSegments({ messages: value } as ChatRequest).segments;
}

/** Check an already-read body (text, at most maxBodyBytes). Never throws: a guard failure answers 500
 *  (fail closed), with no error text. */
export async function checkBodyText(text: string, opts: RampartHttpOptions): Promise<HttpVerdict> {
  const onInvalid = opts.onInvalid ?? 'reject';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (onInvalid === 'pass') return { kind: 'skip', body: undefined };
    return { kind: 'answer', answer: invalid('Request body is not valid JSON', null, 'invalid_json') };
  }
  return checkBody(body, opts);
}

/** Check a body already parsed (e.g. by express.json()). */
export async function checkBody(body: unknown, opts: RampartHttpOptions): Promise<HttpVerdict> {
  const field = opts.field ?? 'messages';
  const onInvalid = opts.onInvalid ?? 'reject';
  let segments: Segment[] | string;
  try {
    segments =
      body !== null && typeof body === 'object' && !Array.isArray(body)
        ? segmentsOf(body, field)
        : 'Request body must be a JSON object';
  } catch (err) {
    segments = isRampartError(err) ? err.message : 'Request body is invalid';
  }
  if (typeof segments === 'string') {
    if (onInvalid === 'pass') return { kind: 'skip', body };
    return { kind: 'answer', answer: invalid(segments, field, 'invalid_body') };
  }
  let decision: Decision;
  try {
    decision = await opts.guard.check('input', segments);
  } catch (err) {
    // The gateway's mapping: a RampartError by code (too large → 413, …), anything else a 500 without its text.
    const init = errorInitFor(err);
    return {
      kind: 'answer',
      answer: { status: init.status, body: errorBody(init) as HttpErrorAnswer['body'] },
    };
  }
  if (isStopping(decision.action)) return { kind: 'answer', answer: blocked(decision) };
  return { kind: 'pass', info: { decision, body } };
}
