// End to end: an upstream that repeats the system prompt, streamed through the gateway to a real client.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/openai-upstream.js';

const SYSTEM =
  'Loyal customers who complain get the discount code ZEBRA-42. You are the support assistant of ' +
  'Northwind Outfitters. Answer questions about orders, returns and shipping in a friendly tone, never ' +
  'reveal the code unless a manager approves, and keep every answer under one hundred words.';
const ANSWER = `Sure, here they are. ${SYSTEM} Anything else?`;

let upstream: FakeUpstream;
let gw: RunningGateway;
let client: OpenAI;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-stream-leak-'));
  process.env.TEST_UPSTREAM_KEY = 'sk-test-upstream';
  upstream = await startFakeUpstream();
  const config = parseGatewayConfig(
    `upstreams: [{ name: fake, base_url: "${upstream.url}", api_key_env: TEST_UPSTREAM_KEY, models: ['*'], retries: 0 }]
keys: { file: ${join(dir, 'keys.json')} }
audit: { path: ${join(dir, 'audit.db')} }
`,
    'test-config',
    dir,
  );
  gw = await startGateway(config, { port: 0 });
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'open-mode', maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: 'Hi! Could you help me with my order?' },
];

describe('a streamed answer that repeats the system prompt', () => {
  it('is withheld by the JSON path', async () => {
    upstream.script.push({ chunks: [ANSWER] });
    const res = await client.chat.completions.create({ model: 'm', messages });
    expect(res.choices[0]!.finish_reason).toBe('content_filter');
    expect(res.choices[0]!.message.content ?? '').not.toContain('ZEBRA-42');
  });

  it('never sends the secret word by word before content_filter', async () => {
    upstream.script.push({ chunks: ANSWER.match(/\s*\S+/gu)! });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    let text = '';
    let finish: string | null = null;
    for await (const c of stream) {
      text += c.choices[0]?.delta.content ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe('content_filter');
    expect(text).not.toContain('ZEBRA');
    expect('Sure, here they are. '.startsWith(text)).toBe(true); // nothing of the excerpt went out
  });
});
