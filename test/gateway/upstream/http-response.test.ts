// errorFromResponse over real HTTP answers from a local server, and the shape checks on upstream JSON.
import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  isCompletion,
  isEmbeddings,
  MAX_ERROR_BODY_BYTES,
  parseChunk,
} from '../../../src/gateway/upstream/http-response.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
let server: Server;
let base: string;
/** What the server answers next: status, headers, body. */
let next: { status: number; headers?: Record<string, string>; body: string | Buffer };

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(next.status, next.headers ?? { 'content-type': 'application/json' });
    res.end(next.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function answer(status: number, body: string | Buffer, headers?: Record<string, string>) {
  next = { status, body, ...(headers ? { headers } : {}) };
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(base, resolve).on('error', reject));
  return errorFromResponse(res, 'up', NOW);
}
const openaiError = (message: string) => JSON.stringify({ error: { message, type: 'x' } });

describe('errorFromResponse', () => {
  it('maps statuses to a code, the status to answer, and whether a retry may help', async () => {
    const cases: Array<[number, string, number, boolean]> = [
      [400, 'UPSTREAM_ERROR', 400, false],
      [404, 'UPSTREAM_ERROR', 404, false],
      [408, 'UPSTREAM_ERROR', 408, true],
      [429, 'UPSTREAM_ERROR', 429, true],
      [500, 'UPSTREAM_UNAVAILABLE', 502, true],
      [503, 'UPSTREAM_UNAVAILABLE', 502, true],
      [302, 'UPSTREAM_BAD_RESPONSE', 502, false],
      [401, 'UPSTREAM_ERROR', 502, false],
      [403, 'UPSTREAM_ERROR', 502, false],
    ];
    for (const [status, code, answerStatus, retryable] of cases)
      expect(await answer(status, openaiError('m')), String(status)).toMatchObject({
        name: 'UpstreamError',
        code,
        status: answerStatus,
        retryable,
      });
  });

  it("keeps the upstream's message (OpenAI error, {error: string}, {message}, or the text), bounded", async () => {
    expect((await answer(400, openaiError('bad model'))).upstreamMessage).toBe('bad model');
    expect((await answer(400, JSON.stringify({ error: 'plain' }))).upstreamMessage).toBe('plain');
    expect((await answer(400, JSON.stringify({ message: 'top' }))).upstreamMessage).toBe('top');
    expect((await answer(400, 'not json')).upstreamMessage).toBe('not json');
    expect((await answer(400, openaiError('x'.repeat(5000)))).upstreamMessage).toHaveLength(500);
  });

  it("drops the upstream's message when it refused the gateway's own credentials (it may quote the key)", async () => {
    for (const status of [401, 403]) {
      const e = await answer(status, openaiError('Incorrect API key provided: sk-proj-abc123'));
      expect(e.upstreamMessage).toBeUndefined();
      expect(e.message).not.toContain('sk-proj');
      expect(e.message).toBe(`upstream "up" rejected the gateway's credentials (${status})`);
    }
  });

  it('reads at most 64 KiB of an error body: a larger one is answered without its message', async () => {
    const e = await answer(500, Buffer.alloc(MAX_ERROR_BODY_BYTES + 1, 0x61));
    expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 502 });
    expect(e.upstreamMessage).toBeUndefined();
  });

  it('carries Retry-After as milliseconds', async () => {
    const e = await answer(429, openaiError('slow down'), {
      'content-type': 'application/json',
      'retry-after': '7',
    });
    expect(e.retryAfterMs).toBe(7000);
    expect((await answer(429, openaiError('slow down'))).retryAfterMs).toBeUndefined();
  });
});

describe('parseChunk', () => {
  it('reads chunks and [DONE]', () => {
    expect(parseChunk(' [DONE] ', 'up')).toBe('done');
    const chunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { content: 'hi' } }],
    };
    expect(parseChunk(JSON.stringify(chunk), 'up')).toEqual(chunk);
  });

  it('refuses malformed or odd events, and turns a mid-stream error event into UPSTREAM_ERROR', () => {
    for (const bad of ['{', '[]', '"x"', 'null', '{"choices":{}}', '{"choices":[1]}'])
      expect(() => parseChunk(bad, 'up'), bad).toThrow(
        expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }),
      );
    expect(() => parseChunk(JSON.stringify({ error: { message: 'overloaded' } }), 'up')).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_ERROR', upstreamMessage: 'overloaded', retryable: false }),
    );
  });
});

describe('isCompletion and isEmbeddings', () => {
  it('accept the expected shapes only', () => {
    expect(isCompletion({ choices: [{ message: { role: 'assistant', content: 'x' } }] })).toBe(true);
    expect(isCompletion({ choices: [] })).toBe(true);
    for (const bad of [
      null,
      [],
      { choices: {} },
      { choices: [{}] },
      { choices: [{ message: 'x' }] },
      { choices: [null] },
    ])
      expect(isCompletion(bad), JSON.stringify(bad)).toBe(false);
    expect(isEmbeddings({ data: [{ embedding: [0.1] }] })).toBe(true);
    for (const bad of [null, { data: {} }, { data: [{}] }, { data: [[1]] }])
      expect(isEmbeddings(bad), JSON.stringify(bad)).toBe(false);
  });
});
