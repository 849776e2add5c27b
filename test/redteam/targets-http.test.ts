// httpTarget against a real OpenAI-compatible server on 127.0.0.1: a normal answer, tool calls, Rampart's
// 400 policy violation and a content_filter finish (both blocked), other errors and a refused connection
// (errors, never a success), and the request it sends.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionsUrl, httpTarget } from '../../src/redteam/targets/http-target.js';

type Handler = (
  body: Record<string, unknown>,
  req: IncomingMessage,
) => { status: number; body: unknown } | 'hang';
let handler: Handler = () => ({ status: 200, body: {} });
let server: Server;
let base = '';

const completion = (content: string | null, finish = 'stop', extra: Record<string, unknown> = {}) => ({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: finish }],
});

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const r = handler(JSON.parse(data || '{}') as Record<string, unknown>, req);
      if (r === 'hang') return;
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const msgs = [{ role: 'user' as const, content: 'hi' }];

describe('httpTarget', () => {
  it('sends an OpenAI request (model, messages, tools, bearer key) and reads the answer', async () => {
    let seen: { body: Record<string, unknown>; auth?: string; path?: string } | undefined;
    handler = (body, req) => {
      seen = { body, auth: req.headers.authorization, path: req.url };
      return { status: 200, body: completion('hello there') };
    };
    const tools = [{ type: 'function' as const, function: { name: 'f' } }];
    const r = await httpTarget({ url: base, model: 'gpt-test', apiKey: 'sk-abc', timeoutMs: 5000 }).send(
      msgs,
      tools,
    );
    expect(r).toEqual({ content: 'hello there', toolCalls: [], blocked: false });
    expect(seen!.path).toBe('/v1/chat/completions');
    expect(seen!.auth).toBe('Bearer sk-abc');
    expect(seen!.body).toMatchObject({ model: 'gpt-test', messages: msgs, tools, temperature: 0 });
  });

  it('reads tool calls', async () => {
    const call = {
      id: 'c1',
      type: 'function',
      function: { name: 'send_email', arguments: '{"to":"a@b.test"}' },
    };
    handler = () => ({ status: 200, body: completion(null, 'tool_calls', { tool_calls: [call] }) });
    const r = await httpTarget({ url: `${base}/chat/completions`, model: 'm' }).send(msgs);
    expect(r.toolCalls).toEqual([call]);
    expect(r.blocked).toBe(false);
  });

  it("Rampart's 400 rampart_policy_violation is blocked, with the category", async () => {
    handler = () => ({
      status: 400,
      body: {
        error: {
          message: 'blocked',
          type: 'rampart_policy_violation',
          code: 'prompt_injection.override',
          param: null,
        },
      },
    });
    const r = await httpTarget({ url: base, model: 'm' }).send(msgs);
    expect(r).toMatchObject({ blocked: true, blockedBy: 'prompt_injection.override' });
    expect(r.error).toBeUndefined();
  });

  it('finish_reason content_filter is blocked', async () => {
    handler = () => ({ status: 200, body: completion('', 'content_filter') });
    expect(await httpTarget({ url: base, model: 'm' }).send(msgs)).toMatchObject({
      blocked: true,
      blockedBy: 'content_filter',
    });
  });

  it("the gateway's withheld answer (content_filter, per-stage rampart field) is blocked with its category", async () => {
    handler = () => ({
      status: 200,
      body: {
        ...completion(null, 'content_filter', { refusal: 'Rampart withheld this answer' }),
        rampart: {
          input: { action: 'allow', categories: [] },
          output: { action: 'block', categories: ['exfiltration.markdown_image'] },
        },
      },
    });
    expect(await httpTarget({ url: base, model: 'm' }).send(msgs)).toMatchObject({
      blocked: true,
      blockedBy: 'exfiltration.markdown_image',
    });
  });

  it('a gateway in refusal mode (200 with rampart.action block) is blocked', async () => {
    handler = () => ({
      status: 200,
      body: {
        ...completion("I can't help with that request."),
        rampart: { action: 'block', categories: ['pii.email'] },
      },
    });
    expect(await httpTarget({ url: base, model: 'm' }).send(msgs)).toMatchObject({
      blocked: true,
      blockedBy: 'pii.email',
    });
  });

  it('other HTTP errors and non-JSON bodies are errors that never echo the body', async () => {
    handler = () => ({
      status: 500,
      body: { error: { message: 'leaked prompt: hi', type: 'server_error', code: null } },
    });
    const r = await httpTarget({ url: base, model: 'm' }).send(msgs);
    expect(r).toMatchObject({ blocked: false, error: 'HTTP 500 server_error' });
    handler = () => ({ status: 200, body: '<html>oops</html>' });
    expect((await httpTarget({ url: base, model: 'm' }).send(msgs)).error).toMatch(/not JSON/u);
    handler = () => ({ status: 200, body: { nope: true } });
    expect((await httpTarget({ url: base, model: 'm' }).send(msgs)).error).toMatch(/bad response/u);
  });

  it('a timeout is an error', async () => {
    handler = () => 'hang';
    const r = await httpTarget({ url: base, model: 'm', timeoutMs: 100 }).send(msgs);
    expect(r).toMatchObject({ blocked: false, error: 'timeout after 100 ms' });
  });

  it('connection refused is an error, not a success', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const r = await httpTarget({ url: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 2000 }).send(
      msgs,
    );
    expect(r.blocked).toBe(false);
    expect(r.error).toMatch(/^network error/u);
  });

  it('names itself without the URL path or credentials', () => {
    expect(httpTarget({ url: 'https://user:pw@api.example.test/v1?token=x', model: 'm' }).name).toBe(
      'http:m@https://api.example.test',
    );
    expect(chatCompletionsUrl('http://h/v1/')).toBe('http://h/v1/chat/completions');
  });
});
