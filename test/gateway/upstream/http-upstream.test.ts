import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatChunk } from '../../../src/gateway/openai-types.js';
import { createHttpUpstream, type HttpUpstreamOptions } from '../../../src/gateway/upstream/http-upstream.js';
import { UpstreamError, upstreamErrorResponse } from '../../../src/gateway/upstream/errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void;

const servers: Server[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  // Give any stray rejection a chance to surface before checking.
  await new Promise((r) => setTimeout(r, 5));
  expect(unhandled).toEqual([]);
});

/** A real HTTP server on 127.0.0.1:0; `hits` counts requests. */
async function serve(handler: Handler) {
  const state = { hits: 0, lastHeaders: {} as IncomingMessage['headers'], lastBody: '', lastUrl: '' };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      state.hits++;
      state.lastHeaders = req.headers;
      state.lastBody = Buffer.concat(parts).toString();
      state.lastUrl = req.url ?? '';
      handler(req, res, state.lastBody, state.hits);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, state };
}

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
};
const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const req = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

const delays: number[] = [];
function upstream(url: string, extra: Record<string, unknown> = {}, opts: HttpUpstreamOptions = {}) {
  delays.length = 0;
  return createHttpUpstream(
    { name: 'test', base_url: url, models: ['gpt-4o*'], retry_base_ms: 1, ...extra },
    {
      sleep: async (ms) => void delays.push(ms),
      env: { TEST_KEY: 'sk-test-secret' },
      ...opts,
    } as HttpUpstreamOptions,
  );
}

async function collect(it: AsyncIterable<ChatChunk>) {
  const out: ChatChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error('expected a failure');
}

describe('http upstream: normal answers', () => {
  it('POSTs to {base}/chat/completions with the key from the env var and returns the completion', async () => {
    const { url, state } = await serve((_q, res) => res.end(JSON.stringify(completion)));
    const u = upstream(url, { api_key_env: 'TEST_KEY', headers: { 'x-org': 'acme' } });
    const out = await u.complete({ ...req, stream_options: { include_usage: true } });
    expect(out.choices[0]?.message.content).toBe('hello');
    // OpenAI answers 400 to stream_options on a non-streaming request.
    expect(JSON.parse(state.lastBody).stream_options).toBeUndefined();
    expect(state.lastUrl).toBe('/v1/chat/completions');
    expect(state.lastHeaders.authorization).toBe('Bearer sk-test-secret');
    expect(state.lastHeaders['x-org']).toBe('acme');
    expect(JSON.parse(state.lastBody)).toMatchObject({ model: 'gpt-4o', stream: false });
    expect(u.health()).toMatchObject({ name: 'test', state: 'closed', failures: 0 });
    expect(u.health().lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('streams SSE chunks until [DONE]', async () => {
    const { url, state } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('hel'));
      res.write(': ping\n\n' + chunk('lo'));
      res.end('data: [DONE]\n\n');
    });
    const chunks = await collect(upstream(url).stream(req));
    expect(chunks.map((c) => c.choices[0]?.delta.content).join('')).toBe('hello');
    expect(JSON.parse(state.lastBody).stream).toBe(true);
  });

  it('accepts a final data: [DONE] without its blank line', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('x') + 'data: [DONE]');
    });
    expect(await collect(upstream(url).stream(req))).toHaveLength(1);
  });

  it('embeds through {base}/embeddings', async () => {
    const { url, state } = await serve((_q, res) =>
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ object: 'embedding', index: 0, embedding: [1, 0] }],
          model: 'e',
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      ),
    );
    const out = await upstream(url).embed({ model: 'e', input: 'x' });
    expect(out.data[0]?.embedding).toEqual([1, 0]);
    expect(state.lastUrl).toBe('/v1/embeddings');
  });

  it('a slow consumer is not mistaken for an idle upstream', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('a') + chunk('b') + 'data: [DONE]\n\n');
    });
    const got: string[] = [];
    for await (const c of upstream(url, { stream_idle_timeout_ms: 30 }).stream(req)) {
      got.push(c.choices[0]?.delta.content ?? '');
      await new Promise((r) => setTimeout(r, 80));
    }
    expect(got).toEqual(['a', 'b']);
  });

  it('lets a consumer stop a stream early without an error', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('a') + chunk('b'));
    });
    const u = upstream(url);
    for await (const c of u.stream(req)) {
      expect(c.choices[0]?.delta.content).toBe('a');
      break;
    }
    expect(u.health().state).toBe('closed');
  });
});

describe('http upstream: failures become UpstreamError', () => {
  it('connection refused → UPSTREAM_UNAVAILABLE 502 after the retries', async () => {
    const { url } = await serve(() => {});
    const s = servers.pop()!;
    await new Promise((r) => s.close(r));
    const e = await failure(upstream(url, { retries: 2 }).complete(req));
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(e.status).toBe(502);
    expect(delays).toHaveLength(2);
  });

  it('connection reset before the response → UPSTREAM_UNAVAILABLE', async () => {
    const { url, state } = await serve((q) => q.socket.destroy());
    const e = await failure(upstream(url, { retries: 1 }).complete(req));
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(state.hits).toBe(2);
  });

  it('connection reset mid-body → UPSTREAM_UNAVAILABLE (JSON and stream)', async () => {
    const { url } = await serve((q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"id":"x","choices":[');
      setTimeout(() => q.socket.destroy(), 10);
    });
    const e = await failure(upstream(url, { retries: 0 }).complete(req));
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE');

    const s2 = await serve((q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('partial'));
      setTimeout(() => q.socket.destroy(), 10);
    });
    const got: ChatChunk[] = [];
    const e2 = await failure(
      (async () => {
        for await (const c of upstream(s2.url, { retries: 2 }).stream(req)) got.push(c);
      })(),
    );
    expect(e2.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(got).toHaveLength(1);
    // Not retried once a chunk reached the caller: a replay would duplicate text.
    expect(s2.state.hits).toBe(1);
  });

  it('malformed JSON → UPSTREAM_BAD_RESPONSE 502, not retried', async () => {
    const { url, state } = await serve((_q, res) => res.end('{"choices": [oops'));
    const e = await failure(upstream(url).complete(req));
    expect(e).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 502 });
    expect(state.hits).toBe(1);
  });

  it('JSON of the wrong shape → UPSTREAM_BAD_RESPONSE', async () => {
    const { url } = await serve((_q, res) => res.end('[1,2,3]'));
    expect((await failure(upstream(url).complete(req))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('a truncated SSE stream (no [DONE]) → UPSTREAM_BAD_RESPONSE after the chunks it got', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('half') + 'data: {"id":');
    });
    const got: ChatChunk[] = [];
    const e = await failure(
      (async () => {
        for await (const c of upstream(url).stream(req)) got.push(c);
      })(),
    );
    expect(e.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(e.message).toMatch(/\[DONE\]/);
    expect(got).toHaveLength(1);
  });

  it('malformed SSE event data → UPSTREAM_BAD_RESPONSE', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: not json\n\ndata: [DONE]\n\n');
    });
    expect((await failure(collect(upstream(url).stream(req)))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('an error event mid-stream → UPSTREAM_ERROR with the bounded upstream message', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify({ error: { message: 'x'.repeat(2000) } })}\n\n`);
    });
    const e = await failure(collect(upstream(url).stream(req)));
    expect(e.code).toBe('UPSTREAM_ERROR');
    expect(e.upstreamMessage).toHaveLength(500);
  });

  it('a stalled upstream → UPSTREAM_TIMEOUT 504 (request, first byte, and idle between chunks)', async () => {
    const { url } = await serve(() => {});
    const e = await failure(upstream(url, { timeout_ms: 50, retries: 0 }).complete(req));
    expect(e).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });

    const e2 = await failure(collect(upstream(url, { timeout_ms: 50, retries: 0 }).stream(req)));
    expect(e2.code).toBe('UPSTREAM_TIMEOUT');

    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('first'));
    });
    const e3 = await failure(
      collect(upstream(s.url, { timeout_ms: 5000, stream_idle_timeout_ms: 50 }).stream(req)),
    );
    expect(e3.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('a body over max_response_bytes → UPSTREAM_BAD_RESPONSE', async () => {
    const { url } = await serve((_q, res) =>
      res.end(JSON.stringify({ ...completion, pad: 'x'.repeat(4000) })),
    );
    const e = await failure(upstream(url, { max_response_bytes: 1024 }).complete(req));
    expect(e.code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('a redirect is not followed (it could carry the key elsewhere)', async () => {
    const target = await serve((_q, res) => res.end(JSON.stringify(completion)));
    const { url } = await serve((_q, res) => {
      res.writeHead(307, { location: `${target.url}/chat/completions` });
      res.end();
    });
    const e = await failure(upstream(url, { api_key_env: 'TEST_KEY' }).complete(req));
    expect(e.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(target.state.hits).toBe(0);
  });
});

describe('http upstream: caller aborts', () => {
  it('an abort by the caller ends the request without counting against the upstream', async () => {
    const { url, state } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('a'));
    });
    const u = upstream(url, { circuit_breaker: { failure_threshold: 1, reset_ms: 1000 } });
    const ctl = new AbortController();
    const e = await failure(
      (async () => {
        for await (const _c of u.stream(req, ctl.signal)) ctl.abort();
      })(),
    );
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(e.retryable).toBe(false);
    expect(state.hits).toBe(1);
    expect(u.health().state).toBe('closed');

    const ctl2 = new AbortController();
    ctl2.abort();
    expect((await failure(u.complete(req, ctl2.signal))).message).toMatch(/aborted/);
    expect(u.health().state).toBe('closed');
  });
});

describe('http upstream: retries', () => {
  it('429 then 200 is retried, honouring retry-after', async () => {
    const { url, state } = await serve((_q, res, _b, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'slow down' } }));
      }
      res.end(JSON.stringify(completion));
    });
    const out = await upstream(url).complete(req);
    expect(out.choices[0]?.message.content).toBe('hello');
    expect(state.hits).toBe(2);
    expect(delays).toEqual([1000]);
  });

  it('a retry-after longer than the cap fails at once with the upstream status', async () => {
    const { url, state } = await serve((_q, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end('{}');
    });
    const e = await failure(upstream(url).complete(req));
    expect(e).toMatchObject({ code: 'UPSTREAM_ERROR', status: 429 });
    expect(state.hits).toBe(1);
  });

  it('503 then a stream is retried before the first byte', async () => {
    const { url, state } = await serve((_q, res, _b, n) => {
      if (n === 1) {
        res.writeHead(503);
        return res.end('busy');
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('ok') + 'data: [DONE]\n\n');
    });
    const chunks = await collect(upstream(url).stream(req));
    expect(chunks).toHaveLength(1);
    expect(state.hits).toBe(2);
  });

  it('400 is not retried and keeps the upstream status and message', async () => {
    const { url, state } = await serve((_q, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'bad param: temperature' } }));
    });
    const e = await failure(upstream(url).complete(req));
    expect(e).toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 400,
      upstreamMessage: 'bad param: temperature',
    });
    expect(state.hits).toBe(1);
  });

  it('a 401 from the upstream (our key) becomes a 502 without the upstream message', async () => {
    const { url, state } = await serve((_q, res) => {
      res.writeHead(401);
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided: sk-te****cret' } }));
    });
    const e = await failure(upstream(url, { api_key_env: 'TEST_KEY' }).complete(req));
    expect(e).toMatchObject({ code: 'UPSTREAM_ERROR', status: 502 });
    expect(e.upstreamMessage).toBeUndefined();
    expect(JSON.stringify(upstreamErrorResponse(e))).not.toContain('sk-');
    expect(state.hits).toBe(1);
  });

  it('maps errors to OpenAI-style bodies', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(400);
      res.end(JSON.stringify({ error: { message: 'bad temperature' } }));
    });
    const e = await failure(upstream(url).complete(req));
    expect(upstreamErrorResponse(e)).toEqual({
      status: 400,
      body: {
        error: {
          message: 'bad temperature',
          type: 'invalid_request_error',
          code: 'upstream_error',
          param: null,
        },
      },
    });
    const t = upstreamErrorResponse(new UpstreamError('UPSTREAM_TIMEOUT', 'upstream "x" timed out'));
    expect(t).toMatchObject({
      status: 504,
      body: { error: { type: 'server_error', code: 'upstream_timeout' } },
    });
  });

  it('backoff delays use full jitter within the exponential ceiling', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(500);
      res.end();
    });
    await failure(upstream(url, { retries: 3, retry_base_ms: 100 }, { random: () => 0.5 }).complete(req));
    expect(delays).toEqual([50, 100, 200]);
  });
});

describe('http upstream: circuit breaker', () => {
  it('opens after N consecutive failures, fails fast with 503, then recovers through half_open', async () => {
    let healthy = false;
    const { url, state } = await serve((_q, res) => {
      if (healthy) return res.end(JSON.stringify(completion));
      res.writeHead(500);
      res.end('down');
    });
    let clock = 1_000_000;
    const u = upstream(
      url,
      { retries: 0, circuit_breaker: { failure_threshold: 3, reset_ms: 30_000 } },
      { now: () => clock },
    );
    for (let i = 0; i < 3; i++) expect((await failure(u.complete(req))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(u.health()).toMatchObject({ state: 'open', failures: 3, lastError: 'UPSTREAM_UNAVAILABLE' });

    const fast = await failure(u.complete(req));
    expect(fast.status).toBe(503);
    expect(state.hits).toBe(3);

    clock += 30_000;
    expect(u.health().state).toBe('half_open');
    // A failed trial re-opens it.
    await failure(u.complete(req));
    expect(u.health().state).toBe('open');
    clock += 30_000;
    healthy = true;
    await u.complete(req);
    expect(u.health()).toMatchObject({ state: 'closed', failures: 0 });
    expect(state.hits).toBe(5);
  });

  it('a client 4xx does not count as an upstream failure', async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(400);
      res.end('{}');
    });
    const u = upstream(url, { circuit_breaker: { failure_threshold: 1, reset_ms: 1000 } });
    await failure(u.complete(req));
    await failure(u.complete(req));
    expect(u.health().state).toBe('closed');
  });

  it('a request that cannot be serialized never counts, nor holds the half-open trial', async () => {
    let healthy = false;
    const { url, state } = await serve((_q, res) => {
      if (healthy) return res.end(JSON.stringify(completion));
      res.writeHead(500);
      res.end('down');
    });
    // 100,000 nested arrays: JSON.stringify runs out of stack on it (the gateway refuses such bodies at
    // the door; this is the upstream's own line of defence).
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const hostile = { ...req, extra: deep } as unknown as typeof req;
    let clock = 1_000_000;
    const u = upstream(
      url,
      { retries: 0, circuit_breaker: { failure_threshold: 1, reset_ms: 30_000 } },
      { now: () => clock },
    );
    for (let i = 0; i < 3; i++) {
      await expect(u.complete(hostile)).rejects.toThrow(RangeError);
      await expect(collect(u.stream(hostile))).rejects.toThrow(RangeError);
    }
    expect(u.health()).toMatchObject({ state: 'closed', failures: 0 });
    expect(state.hits).toBe(0); // nothing was sent

    await failure(u.complete(req)); // a real upstream failure opens it
    clock += 30_000;
    expect(u.health().state).toBe('half_open');
    await expect(u.complete(hostile)).rejects.toThrow(RangeError);
    await expect(collect(u.stream(hostile))).rejects.toThrow(RangeError);
    // The trial is still free: the next real request is admitted and closes the circuit.
    healthy = true;
    await u.complete(req);
    expect(u.health()).toMatchObject({ state: 'closed', failures: 0 });
  });
});

describe('http upstream: pooled connections', () => {
  it('reuses one keep-alive connection for sequential calls, and after a stream read to [DONE]', async () => {
    const ports = new Set<number>();
    const { url } = await serve((q, res) => {
      ports.add(q.socket.remotePort!);
      if (q.headers.accept === 'text/event-stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.end(chunk('a') + 'data: [DONE]\n\n');
      }
      res.end(JSON.stringify(completion));
    });
    const u = upstream(url);
    await u.complete(req);
    await u.complete(req);
    expect(await collect(u.stream(req))).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 5)); // the drained socket goes back to the pool
    await u.complete(req);
    expect(ports.size).toBe(1);
  });

  it('closes the connection of a stream the consumer left early (never reuses a half-read socket)', async () => {
    const ports: number[] = [];
    let closed = 0;
    const { url } = await serve((q, res) => {
      ports.push(q.socket.remotePort!);
      q.socket.once('close', () => closed++);
      if (q.headers.accept === 'text/event-stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.write(chunk('a') + chunk('b'));
      }
      res.end(JSON.stringify(completion));
    });
    const u = upstream(url);
    for await (const _c of u.stream(req)) break;
    await u.complete(req);
    expect(new Set(ports).size).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(1);
  });
});
