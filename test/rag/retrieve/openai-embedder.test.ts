// A real HTTP server on loopback speaking the OpenAI embeddings wire format.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashingVector } from '../../../src/rag/retrieve/embedder.js';
import { openAIEmbedder } from '../../../src/rag/retrieve/openai-embedder.js';

let server: Server;
let base = '';
const seen: Array<{ auth: string | undefined; body: { model: string; input: string[] } }> = [];
// The answer the server gives, chosen per test by the model name.
const answers: Record<string, (input: string[]) => { status?: number; body: string }> = {
  good: (input) => ({
    body: JSON.stringify({
      object: 'list',
      // Out of order on purpose: the client must place vectors by index.
      data: input
        .map((t, index) => ({ object: 'embedding', index, embedding: hashingVector(t, 8) }))
        .reverse(),
    }),
  }),
  short: (input) => ({
    body: JSON.stringify({
      data: input.slice(1).map((t, i) => ({ index: i, embedding: hashingVector(t, 8) })),
    }),
  }),
  wrongdim: (input) => ({
    body: JSON.stringify({ data: input.map((t, index) => ({ index, embedding: [1, 2] })) }),
  }),
  huge: () => ({ body: JSON.stringify({ data: [{ index: 0, embedding: new Array(20_000).fill(0.5) }] }) }),
  notjson: () => ({ body: '<html>' }),
  error: () => ({ status: 401, body: '{"error":{"message":"bad key"}}' }),
  hang: () => ({ status: -1, body: '' }),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      seen.push({ auth: req.headers.authorization, body });
      const a = answers[body.model]!(body.input);
      if (a.status === -1) return; // never answers
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('openAIEmbedder', () => {
  it('posts batches to /v1/embeddings with the key and places vectors by index', async () => {
    const e = openAIEmbedder({ baseUrl: `${base}/`, model: 'good', dim: 8, apiKey: 'sk-test', batch: 2 });
    const texts = ['alpha', 'beta', 'gamma'];
    expect(await e.embed(texts)).toEqual(texts.map((t) => hashingVector(t, 8)));
    expect(seen.slice(-2).map((s) => s.body.input)).toEqual([['alpha', 'beta'], ['gamma']]);
    expect(seen.at(-1)!.auth).toBe('Bearer sk-test');
    expect(e.id).toBe('openai:good:8');
  });

  it('fails closed with EMBEDDING_FAILED on every bad answer, naming no input text', async () => {
    for (const [model, extra] of [
      ['short', {}],
      ['wrongdim', {}],
      ['huge', { maxResponseBytes: 10_000 }],
      ['notjson', {}],
      ['error', {}],
      ['hang', { timeoutMs: 200 }],
    ] as const) {
      const e = openAIEmbedder({ baseUrl: base, model, dim: 8, ...extra });
      const err = await e.embed(['secret text', 'more']).then(
        () => undefined,
        (x: unknown) => x as Error & { code: string },
      );
      expect(err?.code, model).toBe('EMBEDDING_FAILED');
      expect(err?.message).not.toContain('secret text');
    }
  });

  it('reports an unreachable endpoint as EMBEDDING_FAILED', async () => {
    const e = openAIEmbedder({ baseUrl: 'http://127.0.0.1:1/v1', model: 'good', dim: 8, timeoutMs: 2000 });
    await expect(e.embed(['x'])).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
  });
});
