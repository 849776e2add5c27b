// Reading an upstream's HTTP answer safely: every body read is bounded in size (node-transport.ts makes it
// abortable: a stalled socket must not hang a request), and every answer is checked for shape before anyone
// trusts it.
import type { IncomingMessage } from 'node:http';
import type { ChatChunk, ChatCompletion, EmbeddingsResponse } from '../openai-types.js';
import { UpstreamError } from './errors.js';
import { readBody } from './node-transport.js';
import { parseRetryAfter } from './retry.js';

/** Error bodies are read only this far: enough for a message, never a memory problem. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Turns a non-2xx answer into an UpstreamError, keeping the upstream's own message (bounded). */
export async function errorFromResponse(
  res: IncomingMessage,
  name: string,
  nowMs: number,
): Promise<UpstreamError> {
  let upstreamMessage: string | undefined;
  try {
    const text = (await readBody(res, MAX_ERROR_BODY_BYTES, () => new Error('large'))).toString('utf8');
    try {
      const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
      const m = typeof j.error === 'object' ? j.error?.message : (j.error ?? j.message);
      upstreamMessage = typeof m === 'string' ? m : text;
    } catch {
      upstreamMessage = text;
    }
  } catch {
    // Too large or cut off: readBody has destroyed the response; answer without the upstream's message.
  }
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], nowMs);
  const s = res.statusCode ?? 0;
  const extra = { upstreamMessage, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (s >= 300 && s < 400)
    return new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${name}" answered a redirect (${s})`, {
      retryable: false,
    });
  if (s === 401 || s === 403)
    // The upstream refused OUR key: that is the operator's problem, not the client's (a 401 would tell the
    // client its gateway key is wrong), and the upstream's message may quote part of the key: drop it.
    return new UpstreamError(
      'UPSTREAM_ERROR',
      `upstream "${name}" rejected the gateway's credentials (${s})`,
      {
        status: 502,
        retryable: false,
      },
    );
  if (s === 429 || s === 408)
    return new UpstreamError('UPSTREAM_ERROR', `upstream "${name}" answered ${s}`, {
      status: s,
      retryable: true,
      ...extra,
    });
  if (s >= 400 && s < 500)
    return new UpstreamError('UPSTREAM_ERROR', `upstream "${name}" answered ${s}`, {
      status: s,
      retryable: false,
      ...extra,
    });
  return new UpstreamError('UPSTREAM_UNAVAILABLE', `upstream "${name}" answered ${s}`, {
    status: 502,
    retryable: true,
    ...extra,
  });
}

export function parseChunk(data: string, name: string): ChatChunk | 'done' {
  if (data.trim() === '[DONE]') return 'done';
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${name}" sent a malformed stream event`);
  }
  if (v && typeof v === 'object' && 'error' in v) {
    const m = (v as { error?: { message?: unknown } }).error?.message;
    throw new UpstreamError('UPSTREAM_ERROR', `upstream "${name}" reported an error mid-stream`, {
      upstreamMessage: typeof m === 'string' ? m : undefined,
      retryable: false,
    });
  }
  if (!isChunk(v))
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      `upstream "${name}" sent a stream event of an unexpected shape`,
    );
  return v;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function isCompletion(v: unknown): v is ChatCompletion {
  return isObj(v) && Array.isArray(v.choices) && v.choices.every((c) => isObj(c) && isObj(c.message));
}
function isChunk(v: unknown): v is ChatChunk {
  return isObj(v) && Array.isArray(v.choices) && v.choices.every((c) => isObj(c));
}
export function isEmbeddings(v: unknown): v is EmbeddingsResponse {
  return isObj(v) && Array.isArray(v.data) && v.data.every((d) => isObj(d) && 'embedding' in d);
}
