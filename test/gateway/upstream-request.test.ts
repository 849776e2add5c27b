// What the gateway sends upstream and what its answers carry, with the official `openai` SDK as the client
// and a real local upstream: the token cap goes out only when it lowers the client's own or a budget needs
// it, in the field the upstream takes; every completion has one id of its own, the same on every chunk.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/openai-upstream.js';

let upstream: FakeUpstream;
const running: RunningGateway[] = [];
const dir = mkdtempSync(join(tmpdir(), 'rampart-upreq-'));

async function gatewayWith(upstreamExtra = '', extra = ''): Promise<OpenAI> {
  const g = await startGateway(
    parseGatewayConfig(
      `
upstreams:
  - name: fake
    base_url: ${upstream.url}
    models: ['*']
    retries: 0
${upstreamExtra}
keys: { file: ${join(dir, `keys-${running.length}.json`)} }
audit: { enabled: false }
telemetry: { log_level: error }
${extra}`,
      'test-config',
      dir,
    ),
    { port: 0 },
  );
  running.push(g);
  return new OpenAI({ baseURL: `${g.url}/v1`, apiKey: 'x', maxRetries: 0 });
}

/** The token-cap fields of the last request the upstream received. */
const lastCaps = () => {
  const body = upstream.requests.at(-1)!.body as { max_tokens?: unknown; max_completion_tokens?: unknown };
  return { max_tokens: body.max_tokens, max_completion_tokens: body.max_completion_tokens };
};

const ask = (extra: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'When is my invoice due?' }],
  ...extra,
});

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  for (const g of running) await g.close();
  await upstream?.close();
});
afterEach(() => {
  upstream.script.length = 0;
});

describe('the token cap sent upstream', () => {
  it('adds none when the client sent none and the key has no budget', async () => {
    const client = await gatewayWith();
    await client.chat.completions.create(ask());
    expect(lastCaps()).toEqual({ max_tokens: undefined, max_completion_tokens: undefined });
    await client.chat.completions.create({ ...ask(), stream: true }).then(async (s) => {
      for await (const _ of s);
    });
    expect(lastCaps()).toEqual({ max_tokens: undefined, max_completion_tokens: undefined });
  });

  it("passes the client's own cap unchanged when it is under the key's limit, and lowers a larger one", async () => {
    const client = await gatewayWith('', 'limits: { max_output_tokens: 500 }');
    await client.chat.completions.create(ask({ max_tokens: 100 }));
    expect(lastCaps()).toEqual({ max_tokens: 100, max_completion_tokens: undefined });
    await client.chat.completions.create(ask({ max_completion_tokens: 9000 }));
    expect(lastCaps()).toEqual({ max_tokens: undefined, max_completion_tokens: 500 });
    await client.chat.completions.create(ask({ max_tokens: 9000 }));
    expect(lastCaps()).toEqual({ max_tokens: 500, max_completion_tokens: undefined });
  });

  it('adds the cap when a token or cost budget applies, so one answer cannot overrun it', async () => {
    const client = await gatewayWith('', 'limits: { daily_tokens: 1000000, max_output_tokens: 700 }');
    await client.chat.completions.create(ask());
    expect(lastCaps()).toEqual({ max_tokens: undefined, max_completion_tokens: 700 });
  });

  it('sends the cap in the field the upstream is configured to take (max_tokens_field)', async () => {
    const legacy = await gatewayWith(
      '    max_tokens_field: max_tokens',
      'limits: { max_output_tokens: 500 }',
    );
    await legacy.chat.completions.create(ask({ max_completion_tokens: 100 }));
    expect(lastCaps()).toEqual({ max_tokens: 100, max_completion_tokens: undefined });
    await legacy.chat.completions
      .create({ ...ask({ max_completion_tokens: 9000 }), stream: true })
      .then(async (s) => {
        for await (const _ of s);
      });
    expect(lastCaps()).toEqual({ max_tokens: 500, max_completion_tokens: undefined });
    const current = await gatewayWith('    max_tokens_field: max_completion_tokens');
    await current.chat.completions.create(ask({ max_tokens: 100 }));
    expect(lastCaps()).toEqual({ max_tokens: undefined, max_completion_tokens: 100 });
  });
});

describe('completion ids', () => {
  it('a streamed answer through an upstream carries one id on every chunk, new for each completion', async () => {
    const client = await gatewayWith();
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      upstream.script.push({ chunks: ['The invoice ', 'is due ', 'on Friday.'] });
      const stream = await client.chat.completions.create({
        ...ask(),
        stream: true,
        stream_options: { include_usage: true },
      });
      const seen: string[] = [];
      for await (const c of stream) seen.push(c.id);
      ids.push(seen);
    }
    for (const seen of ids) {
      expect(seen.length).toBeGreaterThan(3);
      expect(new Set(seen).size).toBe(1);
    }
    expect(ids[0]![0]).not.toBe(ids[1]![0]);
  });

  it('rampart-local answers identical prompts with the same text under different ids, streamed or not', async () => {
    const client = await gatewayWith();
    const a = await client.chat.completions.create(ask({ model: 'rampart-local' }));
    const b = await client.chat.completions.create(ask({ model: 'rampart-local' }));
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(a.id).not.toBe(b.id);
    const streamIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const seen = new Set<string>();
      const s = await client.chat.completions.create({ ...ask({ model: 'rampart-local' }), stream: true });
      for await (const c of s) seen.add(c.id);
      expect(seen.size).toBe(1);
      streamIds.push([...seen][0]!);
    }
    expect(new Set([a.id, b.id, ...streamIds]).size).toBe(4);
  });
});
