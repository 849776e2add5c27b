// A ChatUpstream for any OpenAI-compatible base URL (OpenAI, Azure-style proxies, vLLM, Ollama, LiteLLM…).
// Everything that can go wrong on the wire — refused connection, reset mid-body, malformed JSON or SSE,
// a stream that stops before [DONE], a stalled upstream, an oversized body — ends as an UpstreamError with
// the status the gateway should answer. Nothing here logs; errors never carry the key, headers or prompt.
import type { IncomingMessage } from 'node:http';
import type { ChatChunk, ChatRequest, ModelInfo } from '../openai-types.js';
import { isRampartError } from '../../core/errors.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { parseUpstreamConfig, resolveApiKey, type KeySources, type UpstreamConfig } from './config.js';
import { UpstreamError, isUpstreamError } from './errors.js';
import { abortableSleep, backoffMs } from './retry.js';
import { errorFromResponse, isCompletion, isEmbeddings, parseChunk } from './http-response.js';
import { Attempt, chunkReader, createTransport, readBody } from './node-transport.js';
import { createModelList } from './model-list.js';
import { createSseParser } from './sse.js';
import type { ChatUpstream, UpstreamHealth } from './types.js';

export interface HttpUpstreamOptions extends KeySources {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

const TIMEOUT = Symbol('upstream-timeout');

type Timer = { reset(ms: number): void; pause(): void; clear(): void };

export function createHttpUpstream(raw: unknown, opts: HttpUpstreamOptions = {}): ChatUpstream {
  const config: UpstreamConfig = parseUpstreamConfig(raw);
  const apiKey = resolveApiKey(config, opts);
  const transport = createTransport(config.base_url);
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const idleMs = config.stream_idle_timeout_ms ?? config.timeout_ms;
  const breaker = createCircuitBreaker({
    failureThreshold: config.circuit_breaker.failure_threshold,
    resetMs: config.circuit_breaker.reset_ms,
    now,
  });
  let lastError: string | undefined;
  let lastLatencyMs: number | undefined;
  const name = config.name;

  // Built once: the same two header sets go out on every request.
  const headersFor = (stream: boolean): Record<string, string> => ({
    ...config.headers,
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  });
  const jsonHeaders = headersFor(false);
  const streamHeaders = headersFor(true);
  const { 'content-type': _none, ...listHeaders } = jsonHeaders;

  // ---- one attempt's plumbing ------------------------------------------------------------------

  /** An Attempt that follows the caller's signal and can be aborted by our own timer. */
  function attemptController(callerSignal?: AbortSignal) {
    const ctl = new Attempt();
    const onCallerAbort = () => ctl.abort(callerSignal?.reason);
    if (callerSignal?.aborted) ctl.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    let t: ReturnType<typeof setTimeout> | undefined;
    let armedMs = -1;
    const onTimeout = () => ctl.abort(TIMEOUT);
    const timer: Timer = {
      reset(ms) {
        // Re-arming one timer (refresh) is much cheaper than a new setTimeout per stream chunk.
        if (t && ms === armedMs) t.refresh();
        else {
          if (t) clearTimeout(t);
          t = setTimeout(onTimeout, ms);
          armedMs = ms;
        }
      },
      pause() {
        if (t) clearTimeout(t);
        t = undefined;
      },
      clear() {
        if (t) clearTimeout(t);
        t = undefined;
        callerSignal?.removeEventListener('abort', onCallerAbort);
      },
    };
    return { ctl, timer };
  }

  /** Maps anything thrown during an attempt to an UpstreamError. */
  function toUpstreamError(e: unknown, signal: Attempt, phase: string): UpstreamError {
    if (isUpstreamError(e)) return e;
    if (signal.aborted && signal.reason === TIMEOUT)
      return new UpstreamError('UPSTREAM_TIMEOUT', `upstream "${name}" timed out ${phase}`);
    if (signal.aborted)
      return new UpstreamError(
        'UPSTREAM_UNAVAILABLE',
        `request to upstream "${name}" was aborted by the caller`,
        {
          retryable: false,
        },
      );
    if (isRampartError(e))
      return new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${name}" ${e.message}`, { cause: e });
    // Refused/reset connections (ECONNREFUSED, ECONNRESET) and a socket closed mid-body.
    return new UpstreamError('UPSTREAM_UNAVAILABLE', `upstream "${name}" connection failed ${phase}`, {
      cause: e,
    });
  }

  // A redirect could carry the Authorization header somewhere else: node:http never follows one, and a
  // 3xx becomes UPSTREAM_BAD_RESPONSE in errorFromResponse.
  const post = (path: string, body: Buffer, attempt: Attempt, stream: boolean) =>
    transport.post(path, stream ? streamHeaders : jsonHeaders, body, attempt);
  const isOk = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

  // ---- retries + breaker around a whole call -----------------------------------------------------

  /** Counts toward the breaker only what says the upstream is unhealthy, not a client's 4xx. */
  const isUpstreamFault = (e: UpstreamError) =>
    e.code === 'UPSTREAM_TIMEOUT' ||
    e.code === 'UPSTREAM_BAD_RESPONSE' ||
    (e.code === 'UPSTREAM_UNAVAILABLE' && e.retryable);

  function admit(): void {
    if (!breaker.tryAcquire()) {
      lastError = 'UPSTREAM_UNAVAILABLE';
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', `upstream "${name}" circuit is open; not calling it`, {
        status: 503,
        retryable: false,
      });
    }
  }

  function settle(err: UpstreamError | undefined, started: number): void {
    lastLatencyMs = now() - started;
    if (!err) return breaker.onSuccess();
    lastError = err.code;
    if (isUpstreamFault(err)) breaker.onFailure();
    else if (err.code === 'UPSTREAM_ERROR')
      breaker.onSuccess(); // it answered: it is alive
    else breaker.release();
  }

  /** Waits before the next attempt, or returns false when no retry should happen. */
  async function beforeRetry(err: UpstreamError, attempt: number, signal?: AbortSignal): Promise<boolean> {
    if (!err.retryable || attempt >= config.retries || signal?.aborted) return false;
    let delay = backoffMs(attempt, config.retry_base_ms, random);
    if (err.retryAfterMs !== undefined) {
      // An upstream asking for a longer pause than we are willing to hold a client: fail now.
      if (err.retryAfterMs > config.retry_after_max_ms) return false;
      delay = Math.max(delay, err.retryAfterMs);
    }
    try {
      await sleep(delay, signal);
    } catch {
      return false;
    }
    return true;
  }

  async function callJson<T>(
    path: string,
    body: unknown,
    validate: (v: unknown) => v is T,
    signal?: AbortSignal,
  ) {
    // Serialized before the breaker admits the call: a body that cannot be serialized is the request's
    // fault, says nothing about the upstream, and must not hold a half-open breaker's only trial.
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    admit();
    const started = now();
    for (let attempt = 0; ; attempt++) {
      const { ctl, timer } = attemptController(signal);
      timer.reset(config.timeout_ms);
      try {
        const res = await post(path, payload, ctl, false);
        if (!isOk(res.statusCode)) throw await errorFromResponse(res, name, now());
        const bytes = await readBody(
          res,
          config.max_response_bytes,
          () =>
            new UpstreamError(
              'UPSTREAM_BAD_RESPONSE',
              `upstream "${name}" response is larger than ${config.max_response_bytes} bytes`,
            ),
        );
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch {
          throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${name}" answered malformed JSON`);
        }
        if (!validate(parsed))
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            `upstream "${name}" answered JSON of an unexpected shape`,
          );
        settle(undefined, started);
        return parsed;
      } catch (e) {
        const err = toUpstreamError(e, ctl, 'waiting for the response');
        if (await beforeRetry(err, attempt, signal)) continue;
        settle(err, started);
        throw err;
      } finally {
        timer.clear();
      }
    }
  }

  // ---- streaming ---------------------------------------------------------------------------------

  async function* streamChat(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
    const payload = Buffer.from(JSON.stringify({ ...withCapField(req, config), stream: true }), 'utf8'); // before admit(), as above
    admit();
    const started = now();
    let outcome: UpstreamError | undefined;
    let settled = false;
    let done = false; // saw [DONE]
    const finish = (err: UpstreamError | undefined) => {
      if (settled) return;
      settled = true;
      if (err === undefined && !done) {
        // The consumer stopped early: no verdict on the upstream's health.
        lastLatencyMs = now() - started;
        breaker.release();
        return;
      }
      settle(err, started);
    };
    let yielded = false;
    try {
      for (let attempt = 0; ; attempt++) {
        const { ctl, timer } = attemptController(signal);
        timer.reset(config.timeout_ms); // time to first byte
        let res: IncomingMessage | undefined;
        try {
          res = await post('/chat/completions', payload, ctl, true);
          if (!isOk(res.statusCode)) throw await errorFromResponse(res, name, now());
          const reader = chunkReader(res);
          const parser = createSseParser();
          let size = 0;
          for (;;) {
            const value = await reader.next();
            if (value === null) break;
            timer.reset(idleMs); // idle time between chunks
            size += value.byteLength;
            if (size > config.max_response_bytes)
              throw new UpstreamError(
                'UPSTREAM_BAD_RESPONSE',
                `upstream "${name}" stream is larger than ${config.max_response_bytes} bytes`,
              );
            for (const ev of parser.push(value)) {
              const chunk = parseChunk(ev.data, name);
              if (chunk === 'done') {
                done = true;
                break;
              }
              yielded = true;
              // A slow consumer is backpressure, not an idle upstream: stop the clock while it holds the chunk.
              timer.pause();
              yield chunk;
              timer.reset(idleMs);
            }
            if (done) break;
          }
          if (!done) {
            // A final `data: [DONE]` without its blank line still ends the stream properly; any other
            // unfinished event is a truncated stream.
            for (const ev of parser.end()) if (ev.data.trim() === '[DONE]') done = true;
            if (!done)
              throw new UpstreamError(
                'UPSTREAM_BAD_RESPONSE',
                `upstream "${name}" stream ended before [DONE]`,
                {
                  retryable: false,
                },
              );
          }
          finish(undefined);
          return;
        } catch (e) {
          const err = toUpstreamError(e, ctl, yielded ? 'between stream chunks' : 'before the first byte');
          // Retry only while nothing has reached the caller: a replay after that would duplicate text.
          if (!yielded && (await beforeRetry(err, attempt, signal))) continue;
          outcome = err;
          throw err;
        } finally {
          timer.clear();
          if (done && res?.complete) {
            // Everything arrived: let the rest drain so the socket goes back to the pool.
            ctl.setOnAbort(undefined);
            res.resume();
          } else ctl.abort(); // the consumer stopped early or the stream failed: close the connection
        }
      }
    } finally {
      finish(outcome);
    }
  }

  const info = (id: string): ModelInfo => ({ id, object: 'model', created: 0, owned_by: name });
  const models: ModelInfo[] = config.models.map(info);
  // Only a glob needs the upstream's own list: exact names are the list.
  const modelList = config.models.some((p) => p.endsWith('*'))
    ? createModelList({
        name,
        get: (path, attempt) => transport.get(path, listHeaders, attempt),
        timeoutMs: config.timeout_ms,
        now,
      })
    : undefined;

  return {
    name,
    complete: (req, signal) =>
      callJson('/chat/completions', nonStreaming(withCapField(req, config)), isCompletion, signal),
    stream: (req, signal) => streamChat(req, signal),
    embed: (req, signal) => callJson('/embeddings', req, isEmbeddings, signal),
    models: () => models.map((m) => ({ ...m })),
    async listModels() {
      const ids = await modelList?.ids();
      // The upstream's own list, then what the config names (a name it leaves out may still be served).
      return [...(ids ?? []).map(info), ...models.map((m) => ({ ...m }))];
    },
    health(): UpstreamHealth {
      return {
        name,
        state: breaker.state(),
        failures: breaker.failures(),
        ...(lastError !== undefined ? { lastError } : {}),
        ...(lastLatencyMs !== undefined ? { lastLatencyMs } : {}),
      };
    },
  };
}

/** OpenAI rejects stream_options unless stream is true. */
function nonStreaming(req: ChatRequest): ChatRequest {
  const { stream_options: _drop, ...rest } = req;
  return { ...rest, stream: false };
}

/** The answer's token cap in the field the upstream takes (max_tokens_field), when one is configured. */
export function withCapField(
  req: ChatRequest,
  config: Pick<UpstreamConfig, 'max_tokens_field'>,
): ChatRequest {
  const field = config.max_tokens_field;
  if (!field) return req;
  const { max_tokens: legacy, max_completion_tokens: current, ...rest } = req;
  const caps = [legacy, current].filter((v): v is number => typeof v === 'number');
  return caps.length === 0 ? rest : { ...rest, [field]: Math.min(...caps) };
}
