// A real OpenAI-compatible upstream for tests: a node:http server on 127.0.0.1 that answers chat
// completions (JSON or SSE, in the chunks the test chooses), embeddings and failure modes, and records
// every request it received so tests can see what the gateway sent on.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  /** The answer's text, streamed in these pieces (joined for non-stream requests). */
  chunks?: string[];
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  /** Failure modes. */
  fail?: 'malformed_json' | 'truncated_sse' | 'reset' | 'status_500' | 'status_400';
  /** Wait this long before answering (a slow upstream). */
  delayMs?: number;
  /** Echo the last user message back (to see redaction placeholders round-trip). */
  echo?: boolean;
}

/** The JSON body a request carried, as the tests read it. */
export interface RecordedBody {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  input?: unknown;
}

export interface FakeUpstream {
  url: string;
  requests: Array<{ path: string; body: RecordedBody; headers: IncomingMessage['headers'] }>;
  /** Answers are taken from this queue; an empty queue answers "ok". */
  script: ScriptedAnswer[];
  close(): Promise<void>;
}

function lastUserText(body: RecordedBody): string {
  const msgs = body.messages ?? [];
  const m = [...msgs].reverse().find((x) => x.role === 'user');
  if (!m) return '';
  if (typeof m.content === 'string') return m.content;
  return Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? '').join('') : '';
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const script: ScriptedAnswer[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as RecordedBody;
      requests.push({ path: req.url ?? '', body, headers: req.headers });
      if (req.url?.endsWith('/embeddings')) {
        const inputs = Array.isArray(body.input) ? body.input : [body.input];
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            object: 'list',
            model: body.model,
            data: inputs.map((_: unknown, index: number) => ({
              object: 'embedding',
              index,
              embedding: [0.1, 0.2],
            })),
            usage: { prompt_tokens: 3, total_tokens: 3 },
          }),
        );
        return;
      }
      const a = script.shift() ?? { chunks: ['ok'] };
      if (a.delayMs) {
        // A slow upstream: answer later (the gateway may have given up and closed the socket by then).
        const { delayMs, ...rest } = a;
        setTimeout(() => !res.destroyed && answer(body, rest), delayMs);
        return;
      }
      answer(body, a);
    });
    const answer = (body: RecordedBody, a: ScriptedAnswer) => {
      if (a.fail === 'reset') return void req.socket.destroy();
      if (a.fail === 'status_500' || a.fail === 'status_400') {
        res.writeHead(a.fail === 'status_500' ? 500 : 400, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ error: { message: 'upstream says no', type: 'invalid_request_error' } }),
        );
      }
      const text = a.echo ? lastUserText(body) : (a.chunks ?? []).join('');
      const chunks = a.echo ? [text] : (a.chunks ?? []);
      const base = { id: 'chatcmpl-up', created: 1, model: body.model };
      const toolCalls = a.toolCalls?.map((t) => ({
        id: t.id,
        type: 'function',
        function: { name: t.name, arguments: t.arguments },
      }));
      if (!body.stream) {
        res.setHeader('content-type', 'application/json');
        if (a.fail === 'malformed_json') return void res.end('{"id": "x", "choices": [');
        return void res.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: toolCalls ? null : text, tool_calls: toolCalls },
                finish_reason: toolCalls ? 'tool_calls' : 'stop',
              },
            ],
            usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
          }),
        );
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (v: unknown) => res.write(`data: ${JSON.stringify(v)}\n\n`);
      send({
        ...base,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      for (const c of chunks)
        send({
          ...base,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta: { content: c }, finish_reason: null }],
        });
      if (a.fail === 'truncated_sse') return void res.end();
      toolCalls?.forEach((t, index) => {
        const half = Math.floor(t.function.arguments.length / 2);
        send({
          ...base,
          object: 'chat.completion.chunk',
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  {
                    index,
                    id: t.id,
                    type: 'function',
                    function: { name: t.function.name, arguments: t.function.arguments.slice(0, half) },
                  },
                ],
              },
              finish_reason: null,
            },
          ],
        });
        send({
          ...base,
          object: 'chat.completion.chunk',
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index, function: { arguments: t.function.arguments.slice(half) } }] },
              finish_reason: null,
            },
          ],
        });
      });
      send({
        ...base,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: {}, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
      });
      if (body.stream_options?.include_usage)
        send({
          ...base,
          object: 'chat.completion.chunk',
          choices: [],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        });
      res.end('data: [DONE]\n\n');
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
