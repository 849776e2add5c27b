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

/** What the steps of one upstream's calls share: its config, its wire, its clock and its health. */
interface Wire {
  name: string;
  config: UpstreamConfig;
  /** POSTs a body (JSON or a stream request; the two header sets are built once). */
  post(path: string, body: Buffer, attempt: Attempt, stream: boolean): Promise<IncomingMessage>;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  health: HealthTracker;
}

export function createHttpUpstream(raw: unknown, opts: HttpUpstreamOptions = {}): ChatUpstream {
  const config: UpstreamConfig = parseUpstreamConfig(raw);
  const apiKey = resolveApiKey(config, opts);
  const transport = createTransport(config.base_url);
  const now = opts.now ?? Date.now;
  const name = config.name;
  const { jsonHeaders, streamHeaders, listHeaders } = requestHeaders(config, apiKey);
  const wire: Wire = {
    name,
    config,
    // A redirect could carry the Authorization header somewhere else: node:http never follows one, and a
    // 3xx becomes UPSTREAM_BAD_RESPONSE in errorFromResponse.
    post: (path, body, attempt, stream) =>
      transport.post(path, stream ? streamHeaders : jsonHeaders, body, attempt),
    now,
    sleep: opts.sleep ?? abortableSleep,
    random: opts.random ?? Math.random,
    health: healthTracker(name, config, now),
  };

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
      callJson(wire, '/chat/completions', nonStreaming(withCapField(req, config)), isCompletion, signal),
    stream: (req, signal) => streamChat(wire, req, signal),
    embed: (req, signal) => callJson(wire, '/embeddings', req, isEmbeddings, signal),
    models: () => models.map((m) => ({ ...m })),
    async listModels() {
      const ids = await modelList?.ids();
      // The upstream's own list, then what the config names (a name it leaves out may still be served).
      return [...(ids ?? []).map(info), ...models.map((m) => ({ ...m }))];
    },
    health: () => wire.health.report(),
  };
}

/** The header sets every request reuses (built once per upstream, not per request). */
function requestHeaders(config: UpstreamConfig, apiKey: string | undefined) {
  const headersFor = (stream: boolean): Record<string, string> => ({
    ...config.headers,
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  });
  const jsonHeaders = headersFor(false);
  const { 'content-type': _none, ...listHeaders } = jsonHeaders;
  return { jsonHeaders, streamHeaders: headersFor(true), listHeaders };
}

// ---- the upstream's health: circuit breaker, last error and latency ---------------------------------

interface HealthTracker {
  /** Throws UPSTREAM_UNAVAILABLE (503) while the circuit is open. */
  admit(): void;
  /** A call's verdict: success, or its error (counted toward the breaker when it says the upstream is sick). */
  settle(err: UpstreamError | undefined, started: number): void;
  /** The call ended without a verdict on the upstream (the consumer stopped early). */
  release(started: number): void;
  report(): UpstreamHealth;
}

/** Counts toward the breaker only what says the upstream is unhealthy, not a client's 4xx. */
const isUpstreamFault = (e: UpstreamError) =>
  e.code === 'UPSTREAM_TIMEOUT' ||
  e.code === 'UPSTREAM_BAD_RESPONSE' ||
  (e.code === 'UPSTREAM_UNAVAILABLE' && e.retryable);

function healthTracker(name: string, config: UpstreamConfig, now: () => number): HealthTracker {
  const breaker = createCircuitBreaker({
    failureThreshold: config.circuit_breaker.failure_threshold,
    resetMs: config.circuit_breaker.reset_ms,
    now,
  });
  let lastError: string | undefined;
  let lastLatencyMs: number | undefined;
  return {
    admit() {
      if (!breaker.tryAcquire()) {
        lastError = 'UPSTREAM_UNAVAILABLE';
        throw new UpstreamError(
          'UPSTREAM_UNAVAILABLE',
          `upstream "${name}" circuit is open; not calling it`,
          {
            status: 503,
            retryable: false,
          },
        );
      }
    },
    settle(err, started) {
      lastLatencyMs = now() - started;
      if (!err) return breaker.onSuccess();
      lastError = err.code;
      if (isUpstreamFault(err)) breaker.onFailure();
      else if (err.code === 'UPSTREAM_ERROR')
        breaker.onSuccess(); // it answered: it is alive
      else breaker.release();
    },
    release(started) {
      lastLatencyMs = now() - started;
      breaker.release();
    },
    report: () => ({
      name,
      state: breaker.state(),
      failures: breaker.failures(),
      ...(lastError !== undefined ? { lastError } : {}),
      ...(lastLatencyMs !== undefined ? { lastLatencyMs } : {}),
    }),
  };
}

// ---- one attempt's plumbing --------------------------------------------------------------------------

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
function toUpstreamError(name: string, e: unknown, signal: Attempt, phase: string): UpstreamError {
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

const isOk = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/** Waits before the next attempt, or returns false when no retry should happen. */
async function beforeRetry(
  w: Wire,
  err: UpstreamError,
  attempt: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const { config } = w;
  if (!err.retryable || attempt >= config.retries || signal?.aborted) return false;
  let delay = backoffMs(attempt, config.retry_base_ms, w.random);
  if (err.retryAfterMs !== undefined) {
    // An upstream asking for a longer pause than we are willing to hold a client: fail now.
    if (err.retryAfterMs > config.retry_after_max_ms) return false;
    delay = Math.max(delay, err.retryAfterMs);
  }
  try {
    await w.sleep(delay, signal);
  } catch {
    return false;
  }
  return true;
}

// ---- a JSON call (completion, embeddings): retries and breaker around it ------------------------------

async function callJson<T>(
  w: Wire,
  path: string,
  body: unknown,
  validate: (v: unknown) => v is T,
  signal?: AbortSignal,
) {
  const { name, config } = w;
  // Serialized before the breaker admits the call: a body that cannot be serialized is the request's
  // fault, says nothing about the upstream, and must not hold a half-open breaker's only trial.
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  w.health.admit();
  const started = w.now();
  for (let attempt = 0; ; attempt++) {
    const { ctl, timer } = attemptController(signal);
    timer.reset(config.timeout_ms);
    try {
      const res = await w.post(path, payload, ctl, false);
      if (!isOk(res.statusCode)) throw await errorFromResponse(res, name, w.now());
      const parsed = parseJsonBody(name, await readBoundedBody(w, res), validate);
      w.health.settle(undefined, started);
      return parsed;
    } catch (e) {
      const err = toUpstreamError(name, e, ctl, 'waiting for the response');
      if (await beforeRetry(w, err, attempt, signal)) continue;
      w.health.settle(err, started);
      throw err;
    } finally {
      timer.clear();
    }
  }
}

const readBoundedBody = (w: Wire, res: IncomingMessage) =>
  readBody(
    res,
    w.config.max_response_bytes,
    () =>
      new UpstreamError(
        'UPSTREAM_BAD_RESPONSE',
        `upstream "${w.name}" response is larger than ${w.config.max_response_bytes} bytes`,
      ),
  );

function parseJsonBody<T>(name: string, bytes: Buffer, validate: (v: unknown) => v is T): T {
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
  return parsed;
}

// ---- streaming ---------------------------------------------------------------------------------------

/** The stream's chunks, attempt by attempt: retried only while nothing has reached the caller. */
async function* streamChat(w: Wire, req: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
  const { name, config } = w;
  const payload = Buffer.from(JSON.stringify({ ...withCapField(req, config), stream: true }), 'utf8'); // before admit(), as above
  w.health.admit();
  const started = w.now();
  let outcome: UpstreamError | undefined;
  const progress = { yielded: false, done: false };
  try {
    for (let attempt = 0; ; attempt++) {
      const { ctl, timer } = attemptController(signal);
      timer.reset(config.timeout_ms); // time to first byte
      let res: IncomingMessage | undefined;
      try {
        res = await w.post('/chat/completions', payload, ctl, true);
        if (!isOk(res.statusCode)) throw await errorFromResponse(res, name, w.now());
        yield* readStream(w, res, timer, progress);
        return;
      } catch (e) {
        const err = toUpstreamError(
          name,
          e,
          ctl,
          progress.yielded ? 'between stream chunks' : 'before the first byte',
        );
        // Retry only while nothing has reached the caller: a replay after that would duplicate text.
        if (!progress.yielded && (await beforeRetry(w, err, attempt, signal))) continue;
        outcome = err;
        throw err;
      } finally {
        timer.clear();
        if (progress.done && res?.complete) {
          // Everything arrived: let the rest drain so the socket goes back to the pool.
          ctl.setOnAbort(undefined);
          res.resume();
        } else ctl.abort(); // the consumer stopped early or the stream failed: close the connection
      }
    }
  } finally {
    // No error and no [DONE]: the consumer stopped early, which says nothing about the upstream's health.
    if (outcome === undefined && !progress.done) w.health.release(started);
    else w.health.settle(outcome, started);
  }
}

/** One answer's SSE body as chunks, up to [DONE]: bounded in size, an idle clock between chunks (paused
 *  while the consumer holds one: that is backpressure, not an idle upstream). A body that ends before
 *  [DONE] is a truncated stream. */
async function* readStream(
  w: Wire,
  res: IncomingMessage,
  timer: Timer,
  progress: { yielded: boolean; done: boolean },
): AsyncGenerator<ChatChunk> {
  const { name, config } = w;
  const idleMs = config.stream_idle_timeout_ms ?? config.timeout_ms;
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
        progress.done = true;
        break;
      }
      progress.yielded = true;
      timer.pause();
      yield chunk;
      timer.reset(idleMs);
    }
    if (progress.done) return;
  }
  // A final `data: [DONE]` without its blank line still ends the stream properly; any other unfinished
  // event is a truncated stream.
  for (const ev of parser.end()) if (ev.data.trim() === '[DONE]') progress.done = true;
  if (!progress.done)
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${name}" stream ended before [DONE]`, {
      retryable: false,
    });
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
