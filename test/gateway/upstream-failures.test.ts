// Upstream failures as an operator sees them, with the official `openai` SDK as the client and a real local
// upstream that fails: 500s whose body echoes the prompt and the gateway's key, and streams whose connection
// drops mid-answer. The log names the error, its cause chain, the upstream and the decision — never the
// prompt or the key — and the dashboard counts the same errors as /metrics.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { createLogger } from '../../src/telemetry/logger.js';

const PROMPT = 'Please summarise invoice PROMPT-MARKER-7731 for the accounts team.';
const UPSTREAM_KEY = 'sk-flaky-UPSTREAM-KEY-0001';

type Mode = 'echo_500' | 'echo_400' | 'drop_mid_stream';

/** An upstream that fails as the test says: the mode is the first word of the model name. */
async function startFailingUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string };
      const mode = body.model.split(':')[0] as Mode;
      if (mode === 'echo_500' || mode === 'echo_400') {
        // A careless upstream: its error quotes the whole request and the credentials it was sent.
        res.writeHead(mode === 'echo_500' ? 500 : 400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: `cannot process ${raw} (auth: ${req.headers.authorization})` },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = {
        id: 'chatcmpl-up',
        object: 'chat.completion.chunk',
        created: 1,
        model: body.model,
        choices: [
          { index: 0, delta: { role: 'assistant', content: 'The invoice is ' }, finish_reason: null },
        ],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`, () => setTimeout(() => req.socket.destroy(), 20));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

let upstream: { url: string; server: Server };
let gw: RunningGateway;
let client: OpenAI;
const lines: string[] = [];

beforeAll(async () => {
  upstream = await startFailingUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-upfail-'));
  process.env.FLAKY_UPSTREAM_KEY = UPSTREAM_KEY;
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  gw = await startGateway(
    parseGatewayConfig(
      `
upstreams:
  - name: flaky
    base_url: ${upstream.url}
    api_key_env: FLAKY_UPSTREAM_KEY
    models: ['*']
    retries: 0
    circuit_breaker: { failure_threshold: 1000, reset_ms: 1000 }
keys: { file: ${join(dir, 'keys.json')} }
audit: { enabled: false }
`,
      'test-config',
      dir,
    ),
    { port: 0 },
    { log: createLogger({ level: 'debug', destination }) },
  );
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  upstream?.server.closeAllConnections();
  await new Promise((r) => upstream?.server.close(r));
});

const ask = (mode: Mode) => ({
  model: `${mode}:gpt-4o-mini`,
  messages: [{ role: 'user' as const, content: PROMPT }],
});

async function failNonStreamed(mode: Mode): Promise<InstanceType<typeof OpenAI.APIError>> {
  const err = await client.chat.completions.create(ask(mode)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OpenAI.APIError);
  return err as InstanceType<typeof OpenAI.APIError>;
}

async function failStreamed(): Promise<unknown> {
  const stream = await client.chat.completions.create({ ...ask('drop_mid_stream'), stream: true });
  try {
    for await (const _ of stream);
  } catch (e) {
    return e;
  }
  return undefined;
}

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

async function metricErrors(): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^rampart_requests_total\{[^}]*status="(\d+)"[^}]*\} (\d+)$/gmu))
    if (Number(m[1]) >= 500) n += Number(m[2]);
  return n;
}

describe('upstream failures', () => {
  it('log "request failed" with the error, its cause chain, the upstream and the decision — no prompt, no key', async () => {
    const err = await failNonStreamed('echo_500');
    expect(err.status).toBe(502);
    const decision = err.headers?.get('x-rampart-decision');
    expect(decision).toMatch(/^[0-9a-f-]{36}$/u);
    const line = parsed().find((l) => l.msg === 'request failed' && l.decision === decision);
    expect(line).toMatchObject({
      level: 50,
      route: '/v1/chat/completions',
      status: 502,
      code: 'upstream_unavailable',
      upstream: 'flaky',
      err: {
        type: 'GatewayError',
        code: 'upstream_unavailable',
        status: 502,
        cause: {
          type: 'UpstreamError',
          code: 'UPSTREAM_UNAVAILABLE',
          status: 502,
          message: 'upstream "flaky" answered 500',
        },
      },
    });
  });

  it('log a stream that fails mid-answer with its error and upstream', async () => {
    const before = lines.length;
    expect(await failStreamed()).toBeInstanceOf(OpenAI.APIError);
    const line = parsed()
      .slice(before)
      .find((l) => l.msg === 'stream failed');
    expect(line).toMatchObject({
      upstream: 'flaky',
      status: 502,
      code: 'upstream_unavailable',
      err: { type: 'UpstreamError', code: 'UPSTREAM_UNAVAILABLE' },
    });
    expect(line!.decision).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('never write the prompt or the upstream key to the log, whatever the upstream echoes', async () => {
    const rejected = await failNonStreamed('echo_400');
    expect(rejected.status).toBe(400); // the client is told its own request was refused…
    const all = lines.join('\n');
    expect(all).toContain('request failed');
    for (const secret of [PROMPT, 'PROMPT-MARKER-7731', UPSTREAM_KEY, 'UPSTREAM-KEY-0001'])
      expect(all).not.toContain(secret); // …but nothing it or the upstream sent reaches the log
  });

  it('are counted the same on the dashboard as in /metrics, mid-stream failures included', async () => {
    const errorsBefore = await metricErrors();
    for (let i = 0; i < 3; i++) await failNonStreamed('echo_500');
    for (let i = 0; i < 2; i++) expect(await failStreamed()).toBeInstanceOf(OpenAI.APIError);
    const afterMetrics = await metricErrors();
    expect(afterMetrics - errorsBefore).toBe(5);
    const dash = (await (await fetch(`${gw.url}/api/dashboard`)).json()) as {
      feed: { totals: { errors: number } };
    };
    expect(dash.feed.totals.errors).toBe(afterMetrics);
  });
});
