// What the gateway takes in, end to end over HTTP with a real upstream behind it: only uncompressed JSON
// bodies (a web page's text/plain "simple" request never reaches the upstream), a bounded JSON depth
// (refused before any work, never counted against the upstream's circuit breaker), OpenAI's content rules,
// Host and Origin checks of a keyless gateway, and JSON bodies on the parser's own 408/431 answers.
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { FileKeyStore } from '../../src/gateway/keys/file-key-store.js';
import type { OpenAIErrorBody } from '../../src/gateway/openai-types.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/openai-upstream.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-intake-'));
let upstream: FakeUpstream;
let gw: RunningGateway;

const gatewayConfig = (name: string, extra = '') =>
  parseGatewayConfig(
    `upstreams: [{ name: fake, base_url: "${upstream.url}", models: ["*"], retries: 0, ` +
      `circuit_breaker: { failure_threshold: 2, reset_ms: 60000 } }]\n` +
      `keys: { file: ${join(dir, `${name}-keys.json`)} }\naudit: { enabled: false }\n` +
      `telemetry: { log_level: silent }\n${extra}`,
    't',
    dir,
  );

beforeAll(async () => {
  upstream = await startFakeUpstream();
  gw = await startGateway(gatewayConfig('main', 'server: { allowed_hosts: [rampart.test] }'), { port: 0 });
});
afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});
afterEach(() => {
  upstream.requests.length = 0;
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with exactly these headers (node:http lets a test set Host, which fetch does not). */
function send(
  g: RunningGateway,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${g.url}${opts.path ?? '/v1/chat/completions'}`,
      { method: opts.method ?? 'POST', headers: opts.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const chat = (content: unknown = 'What is the capital of Norway?', extra: object = {}) =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });
const JSON_TYPE = { 'content-type': 'application/json' };
const errorOf = (r: Reply) => (JSON.parse(r.body) as OpenAIErrorBody).error;

describe('content type and encoding', () => {
  it('refuses text/plain, form data and a missing type with 415, and never calls the upstream', async () => {
    for (const type of [
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const r = await send(gw, { headers: type ? { 'content-type': type } : {}, body: chat() });
      expect(r.status).toBe(415);
      expect(r.headers['content-type']).toBe('application/json');
      expect(errorOf(r)).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_media_type' });
      const e = await send(gw, {
        path: '/v1/embeddings',
        headers: type ? { 'content-type': type } : {},
        body: '{"model":"m","input":"hi"}',
      });
      expect(e.status).toBe(415);
    }
    expect(upstream.requests).toEqual([]);
    const ok = await send(gw, {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: chat(),
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a gzip body with 415 naming content-encoding', async () => {
    const { gzipSync } = await import('node:zlib');
    const r = await send(gw, {
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: gzipSync(chat()),
    });
    expect(r.status).toBe(415);
    expect(errorOf(r)).toMatchObject({ code: 'unsupported_media_type', param: 'content-encoding' });
    expect(errorOf(r).message).toContain('content-encoding');
    expect(upstream.requests).toEqual([]);
  });
});

describe('JSON depth', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a body nested 100,000 deep with 400 before any work; the breaker never counts it', async () => {
    const hostile = chat('hi', {}).replace(/\}$/u, `,"extra":${nested(100_000)}}`);
    for (let i = 0; i < 5; i++) {
      // more than the breaker's failure_threshold of 2
      const r = await send(gw, { headers: JSON_TYPE, body: hostile });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep' });
    }
    expect(upstream.requests).toEqual([]);
    expect(gw.gateway.context.router.health().find((h) => h.name === 'fake')).toMatchObject({
      state: 'closed',
      failures: 0,
    });
    // 64 levels in all (the body object and its extra field's arrays) still go through.
    const deepest = chat('hi').replace(/\}$/u, `,"extra":${nested(63)}}`);
    expect((await send(gw, { headers: JSON_TYPE, body: deepest })).status).toBe(200);
    const tooDeep = chat('hi').replace(/\}$/u, `,"extra":${nested(64)}}`);
    expect((await send(gw, { headers: JSON_TYPE, body: tooDeep })).status).toBe(400);
  });
});

describe('message content', () => {
  it('refuses a user, system or tool message without content, as OpenAI does', async () => {
    for (const role of ['user', 'system', 'tool']) {
      for (const message of [{ role, content: null }, { role }]) {
        const r = await send(gw, {
          headers: JSON_TYPE,
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: [message] }),
        });
        expect(r.status).toBe(400);
        expect(errorOf(r)).toMatchObject({ type: 'invalid_request_error', param: 'messages[0].content' });
      }
    }
    const assistant = await send(gw, {
      headers: JSON_TYPE,
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null },
        ],
      }),
    });
    expect(assistant.status).toBe(400);
    expect(upstream.requests).toEqual([]);
  });

  it('accepts a null content on an assistant message that carries tool calls', async () => {
    const r = await send(gw, {
      headers: JSON_TYPE,
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: 'What time is it?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'clock', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: '12:00' },
        ],
      }),
    });
    expect(r.status).toBe(200);
  });
});

describe('Host and Origin of a keyless gateway', () => {
  const port = () => new URL(gw.url).port;

  it('answers only requests addressed by a loopback name or server.allowed_hosts', async () => {
    for (const host of [
      `127.0.0.1:${port()}`,
      `localhost:${port()}`,
      `[::1]:${port()}`,
      'localhost',
      `rampart.test:${port()}`,
    ]) {
      const r = await send(gw, { method: 'GET', path: '/v1/models', headers: { host } });
      expect(r.status, host).toBe(200);
    }
    // The allowed /v1/models calls above may ask the upstream for its own model list; what the refused
    // requests below send upstream is counted from here.
    const before = upstream.requests.length;
    // DNS rebinding: the page's own name, now resolving to 127.0.0.1.
    for (const path of ['/v1/models', '/api/dashboard', '/', '/metrics', '/healthz']) {
      const r = await send(gw, { method: 'GET', path, headers: { host: `attacker.example:${port()}` } });
      expect(r.status, path).toBe(403);
      expect(errorOf(r)).toMatchObject({ code: 'host_not_allowed' });
    }
    const post = await send(gw, {
      headers: { ...JSON_TYPE, host: `attacker.example:${port()}` },
      body: chat(),
    });
    expect(post.status).toBe(403);
    expect(upstream.requests.slice(before)).toEqual([]);
  });

  it('refuses a request whose Origin is another site, and sends no CORS headers', async () => {
    const origin = 'http://127.0.0.1:1';
    for (const [method, path] of [
      ['GET', '/v1/models'],
      ['GET', '/api/dashboard'],
      ['OPTIONS', '/v1/chat/completions'],
    ]) {
      const r = await send(gw, {
        method,
        path,
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(r.status, path).toBe(403);
      expect(errorOf(r)).toMatchObject({ code: 'origin_not_allowed' });
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    const post = await send(gw, { headers: { ...JSON_TYPE, origin }, body: chat() });
    expect(post.status).toBe(403);
    expect(upstream.requests).toEqual([]);
    // The dashboard's own page, same origin, is fine.
    const own = await send(gw, { method: 'GET', path: '/api/dashboard', headers: { origin: gw.url } });
    expect(own.status).toBe(200);
  });

  it('with API keys, takes any Host (the key authenticates), while the dashboard still refuses other origins', async () => {
    const name = 'keyed';
    const store = new FileKeyStore(join(dir, `${name}-keys.json`));
    const { key } = await store.create('acme', { name: 'ci' });
    process.env.RAMPART_TEST_INTAKE_ADMIN = 'admin-password';
    const g = await startGateway(
      gatewayConfig(name, 'server: { admin_password_env: RAMPART_TEST_INTAKE_ADMIN }'),
      {
        port: 0,
      },
    );
    try {
      const models = await send(g, {
        method: 'GET',
        path: '/v1/models',
        headers: { host: 'gateway.internal:443', authorization: `Bearer ${key}` },
      });
      expect(models.status).toBe(200);
      const basic = `Basic ${Buffer.from('admin:admin-password').toString('base64')}`;
      const dash = (origin?: string) =>
        send(g, {
          method: 'GET',
          path: '/api/dashboard',
          headers: { authorization: basic, ...(origin ? { origin } : {}) },
        });
      expect((await dash()).status).toBe(200);
      const cross = await dash('http://attacker.example');
      expect(cross.status).toBe(403);
      expect(errorOf(cross)).toMatchObject({ code: 'origin_not_allowed' });
    } finally {
      await g.close();
    }
  });
});

describe("the HTTP parser's own refusals", () => {
  it('answer 408 (server.request_timeout_ms) and 431 with an OpenAI-shaped JSON body', async () => {
    const g = await startGateway(gatewayConfig('slow', 'server: { request_timeout_ms: 1000 }'), { port: 0 });
    try {
      const raw = async (head: string) => {
        const socket = connect(Number(new URL(g.url).port), '127.0.0.1');
        socket.on('error', () => undefined);
        let reply = '';
        socket.on('data', (d: Buffer) => (reply += d.toString()));
        await once(socket, 'connect');
        socket.write(head);
        await once(socket, 'close');
        const [statusLine, rest = ''] = reply
          .split('\r\n', 1)
          .concat(reply.slice(reply.indexOf('\r\n\r\n') + 4));
        return { statusLine, body: rest };
      };
      // Headers and part of the body, then nothing.
      const slow = await raw(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"model":',
      );
      expect(slow.statusLine).toMatch(/^HTTP\/1\.1 408 /u);
      expect(JSON.parse(slow.body)).toMatchObject({
        error: { type: 'invalid_request_error', code: 'request_timeout' },
      });
      const big = await raw(
        `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      );
      expect(big.statusLine).toMatch(/^HTTP\/1\.1 431 /u);
      expect(JSON.parse(big.body)).toMatchObject({ error: { code: 'headers_too_large' } });
    } finally {
      await g.close();
    }
  });
});
