// Reading an upstream's HTTP answer safely: every body read is bounded in size and abortable (a stalled
// socket must not hang a request), and every answer is checked for shape before anyone trusts it.
import type { ChatChunk, ChatCompletion, EmbeddingsResponse } from '../openai-types.js';
import { UpstreamError } from './errors.js';
import { parseRetryAfter } from './retry.js';

/** Error bodies are read only this far: enough for a message, never a memory problem. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** A body read that also rejects as soon as `signal` aborts (a stalled socket must not hang us). */
export async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal) {
  if (signal.aborted) throw signal.reason;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const read = reader.read();
  // Whichever loses the race must not become an unhandled rejection.
  read.catch(() => {});
  aborted.catch(() => {});
  try {
    return await Promise.race([read, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

export async function readBounded(res: Response, limit: number, signal: AbortSignal, tooBig: () => Error) {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await readChunk(reader, signal);
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw tooBig();
      parts.push(value);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(parts);
}

/** Turns a non-2xx answer into an UpstreamError, keeping the upstream's own message (bounded). */
export async function errorFromResponse(
  res: Response,
  signal: AbortSignal,
  name: string,
  nowMs: number,
): Promise<UpstreamError> {
  let upstreamMessage: string | undefined;
  try {
    const body = await readBounded(res, MAX_ERROR_BODY_BYTES, signal, () => new Error('large'));
    const text = Buffer.from(body).toString('utf8');
    try {
      const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
      const m = typeof j.error === 'object' ? j.error?.message : (j.error ?? j.message);
      upstreamMessage = typeof m === 'string' ? m : text;
    } catch {
      upstreamMessage = text;
    }
  } catch {
    res.body?.cancel().catch(() => {});
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), nowMs);
  const s = res.status;
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
