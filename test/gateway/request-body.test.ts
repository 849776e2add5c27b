// readBoundedBody and readJson: bodies are cut off at the byte limit (never buffered whole), and every
// failure is a specific 4xx. Both read paths: a WHATWG Request's stream and Node's IncomingMessage.
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_JSON_DEPTH, readBoundedBody, readJson } from '../../src/gateway/request-body.js';

const Schema = z.object({ model: z.string(), n: z.number().int().optional() }).strict();
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A streamed body of `chunks` chunks of `size` bytes; counts how many were pulled and whether it was cancelled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (seen.pulled === chunks) return c.close();
        seen.pulled++;
        c.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 }, // pulled only when read
  );
  const req = new Request('http://127.0.0.1/v1/x', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
  return { req, seen };
}

const gatewayError = (status: number, code: string | null) =>
  expect.objectContaining({ name: 'GatewayError', init: expect.objectContaining({ status, code }) });

describe('readBoundedBody', () => {
  it('reads a body within the limit whole', async () => {
    const { req } = streamed(4, 1000);
    expect((await readBoundedBody(req, 4000)).byteLength).toBe(4000);
  });

  it('stops reading and cancels the stream as soon as the limit is passed (413 request_too_large)', async () => {
    const { req, seen } = streamed(1000, 1000);
    await expect(readBoundedBody(req, 4500)).rejects.toEqual(gatewayError(413, 'request_too_large'));
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the limit before reading a byte', async () => {
    const { req, seen } = streamed(1, 10, { 'content-length': '5000' });
    expect(req.headers.get('content-length')).toBe('5000');
    await expect(readBoundedBody(req, 4000)).rejects.toEqual(gatewayError(413, 'request_too_large'));
    expect(seen.pulled).toBe(0);
  });

  it('an absent body is empty', async () => {
    expect((await readBoundedBody(new Request('http://127.0.0.1/'), 10)).byteLength).toBe(0);
  });
});

describe('readJson from a Request', () => {
  const post = (body: string | Uint8Array, headers: Record<string, string> = JSON_HEADERS) =>
    new Request('http://127.0.0.1/v1/x', { method: 'POST', headers, body });

  it('parses and validates', async () => {
    expect(await readJson(post('{"model":"m","n":2}'), Schema, 1000)).toEqual({ model: 'm', n: 2 });
  });

  it('refuses each bad body with its own code and never echoes the body', async () => {
    const cases: Array<[Request, number, string | null, string | null]> = [
      [post(new Uint8Array([0x7b, 0xff, 0x7d])), 400, 'invalid_json', null],
      [post('{"model":'), 400, 'invalid_json', null],
      [
        post(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`),
        400,
        'json_too_deep',
        null,
      ],
      [post('{"model":"SECRET-42","n":1.5}'), 400, null, 'n'],
      [post('{"model":"m","extra":"SECRET-42"}'), 400, null, null],
      [post('{"model":"m"}', { 'content-type': 'text/plain' }), 415, null, null],
      [post('{"model":"m"}', { ...JSON_HEADERS, 'content-encoding': 'gzip' }), 415, null, null],
      [post(`{"model":"${'m'.repeat(2000)}"}`), 413, 'request_too_large', null],
    ];
    for (const [req, status, code, param] of cases) {
      const err = await readJson(req, Schema, 1000).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'GatewayError', init: { status } });
      const init = (err as { init: { code: string | null; param?: string | null; message: string } }).init;
      if (code !== null) expect(init.code).toBe(code);
      if (param !== null) expect(init.param).toBe(param);
      expect(init.message).not.toContain('SECRET-42');
    }
  });
});

describe('readJson from a Node request (the direct path), served as the gateway serves it', () => {
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();
    app.post('/v1/x', async (c) => {
      try {
        return c.json({ ok: await readJson(c.req.raw, Schema, 1000, c.env.incoming) });
      } catch (e) {
        return c.json({ err: (e as { init: unknown }).init });
      }
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = async (body: string, headers: Record<string, string> = {}) => {
    const r = await fetch(url, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body });
    return (await r.json()) as unknown;
  };
  /** A body sent without Content-Length (chunked): the web-stream path. */
  const sendChunked = (body: string) =>
    new Promise<unknown>((resolve, reject) => {
      const r = request(url, { method: 'POST', headers: JSON_HEADERS }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(JSON.parse(text)));
      });
      r.on('error', reject);
      r.write(body.slice(0, 10));
      r.end(body.slice(10));
    });

  it('reads a body with a declared length within the limit', async () => {
    expect(await send('{"model":"m"}')).toEqual({ ok: { model: 'm' } });
    expect(await sendChunked('{"model":"chunked"}')).toEqual({ ok: { model: 'chunked' } });
  });

  it('applies the same checks on both paths: schema, depth, size', async () => {
    expect(await send('{"model":1}')).toMatchObject({ err: { status: 400, param: 'model' } });
    expect(await send('['.repeat(100) + ']'.repeat(100))).toMatchObject({ err: { code: 'json_too_deep' } });
    const big = `{"model":"${'m'.repeat(2000)}"}`;
    expect(await send(big)).toMatchObject({ err: { status: 413, code: 'request_too_large' } });
    expect(await sendChunked(big)).toMatchObject({ err: { status: 413, code: 'request_too_large' } });
  });
});
