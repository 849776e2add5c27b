// Any OpenAI-compatible chat completions endpoint over HTTP: a raw model, a Rampart gateway, or the user's
// own app. Plain fetch (the `openai` SDK is only a dev dependency). Failures become `error` replies —
// the runner records them and keeps going; they never count as a success or as a block.
import type { ChatMessage, ToolDefinition } from '../../gateway/openai-types.js';
import type { RedteamTarget, TargetReply } from '../types.js';
import { readStreamBoundedText } from '../../core/bounded-stream.js';
import { MAX_REPLY_CHARS, replyFromCompletion, replyFromError } from './reply.js';

export interface HttpTargetOptions {
  /** Base URL (`…/v1`) or the full `…/chat/completions` URL. */
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  /** Extra request fields (temperature: 0 by default so runs repeat as far as the target allows). */
  extraBody?: Record<string, unknown>;
}

/** A response body bigger than this is not read further (bounded memory against a hostile target). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function chatCompletionsUrl(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--; // not /\/+$/: that regex is quadratic on many slashes
  const u = url.slice(0, end);
  return /\/chat\/completions$/u.test(u) ? u : `${u}/chat/completions`;
}

export function httpTarget(opts: HttpTargetOptions): RedteamTarget {
  const endpoint = chatCompletionsUrl(opts.url);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return {
    name: `http:${opts.model}@${safeOrigin(endpoint)}`,
    async send(messages: ChatMessage[], tools?: ToolDefinition[]): Promise<TargetReply> {
      const body = {
        temperature: 0,
        ...opts.extraBody,
        model: opts.model,
        messages,
        ...(tools && tools.length > 0 ? { tools } : {}),
      };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        return errorReply(describeFetchError(e, timeoutMs));
      }
      let text: string;
      try {
        text = await readBounded(res);
      } catch (e) {
        return errorReply(describeFetchError(e, timeoutMs));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return res.ok
          ? errorReply(`bad response: HTTP ${res.status}, body is not JSON`)
          : replyFromError(res.status, null);
      }
      return res.ok ? replyFromCompletion(parsed) : replyFromError(res.status, parsed);
    },
  };
}

export const errorReply = (error: string): TargetReply => ({
  content: '',
  toolCalls: [],
  blocked: false,
  error,
});

/** scheme://host:port only: a URL may carry credentials or tokens in its path or query. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid-url';
  }
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: unknown } };
  if (err?.name === 'BodyTooLarge') return `bad response: body over ${MAX_BODY_BYTES} bytes`;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const code = typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  return `network error${code ? ` (${code})` : ''}`;
}

async function readBounded(res: Response): Promise<string> {
  const text = await readStreamBoundedText(res.body, MAX_BODY_BYTES);
  if (text === undefined) throw Object.assign(new Error('response too large'), { name: 'BodyTooLarge' });
  return text;
}

export { MAX_REPLY_CHARS };
