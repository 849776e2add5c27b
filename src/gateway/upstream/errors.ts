// The one error the upstream layer throws. It carries the HTTP status the gateway should answer with,
// so routes map failures to responses without knowing which provider failed or how.
import { RampartError } from '../../core/errors.js';
import type { OpenAIErrorBody } from '../openai-types.js';

export type UpstreamCode =
  'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_BAD_RESPONSE' | 'UPSTREAM_ERROR';

/** Upstream bodies can echo prompt text or be huge: keep only a bounded prefix. */
export const MAX_UPSTREAM_MESSAGE = 500;

const DEFAULT_STATUS: Record<UpstreamCode, number> = {
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_BAD_RESPONSE: 502,
  UPSTREAM_ERROR: 502,
};

export class UpstreamError extends RampartError {
  /** HTTP status the gateway should answer: 504 timeout, 502 bad/unreachable, 503 circuit open, upstream 4xx. */
  readonly status: number;
  /** The upstream's own error message (bounded), for UPSTREAM_ERROR; never our key or headers. */
  readonly upstreamMessage?: string;
  /** Whether a retry could help (429/5xx/network/timeout), used by the retry loop. */
  readonly retryable: boolean;
  /** Seconds the upstream asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs?: number;

  constructor(
    code: UpstreamCode,
    message: string,
    opts: {
      status?: number;
      upstreamMessage?: string;
      retryable?: boolean;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'UpstreamError';
    this.status = opts.status ?? DEFAULT_STATUS[code];
    if (opts.upstreamMessage !== undefined)
      this.upstreamMessage = opts.upstreamMessage.slice(0, MAX_UPSTREAM_MESSAGE);
    this.retryable = opts.retryable ?? code !== 'UPSTREAM_BAD_RESPONSE';
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;

/** OpenAI-style error type for a status, so SDKs classify the failure (rate limit vs bad request vs server). */
function openAIType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 404) return 'not_found_error';
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return 'server_error';
}

/** The status and body the gateway should answer with. The upstream's own message is used only for its
 *  4xx answers (it explains the client's mistake); otherwise our message, which names no key or prompt. */
export function upstreamErrorResponse(e: UpstreamError): { status: number; body: OpenAIErrorBody } {
  const clientError = e.code === 'UPSTREAM_ERROR' && e.status >= 400 && e.status < 500;
  const message = clientError && e.upstreamMessage ? e.upstreamMessage : e.message;
  return {
    status: e.status,
    body: { error: { message, type: openAIType(e.status), code: e.code.toLowerCase(), param: null } },
  };
}
