// The gateway's `spotlight:` key: messages marked rampart: {trust: untrusted} go upstream spotlighted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { FileKeyStore } from '../../src/gateway/keys/file-key-store.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/openai-upstream.js';

const DOC = 'Opening hours: 9 to 5 on weekdays.';

describe('gateway spotlight', () => {
  let upstream: FakeUpstream;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-spotlight-'));
  const running: RunningGateway[] = [];

  async function gateway(extra: string): Promise<string> {
    process.env.TEST_UPSTREAM_KEY = 'sk-test-upstream';
    const config = parseGatewayConfig(
      `upstreams: [{ name: fake, base_url: "${upstream.url}", api_key_env: TEST_UPSTREAM_KEY, models: ['*'], retries: 0 }]
audit: { path: ${join(dir, `audit-${running.length}.db`)} }
${extra}`,
      'test-config',
      dir,
    );
    const g = await startGateway(config, { port: 0 });
    running.push(g);
    return g.url;
  }

  async function send(url: string) {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        messages: [
          { role: 'system', content: 'Answer from the documents.' },
          { role: 'user', content: 'When are you open?' },
          { role: 'user', content: DOC, rampart: { trust: 'untrusted', source: 'kb' } },
        ],
      }),
    });
    expect(res.status).toBe(200);
    return upstream.requests.at(-1)!.body.messages;
  }

  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(async () => {
    for (const g of running) await g.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is off by default: the marked message goes upstream as written', async () => {
    const messages = await send(await gateway(''));
    expect(messages.map((m) => m.content)).toEqual(['Answer from the documents.', 'When are you open?', DOC]);
  });

  it('with spotlight: datamark, the marked text goes in a block and a system message explains it', async () => {
    const messages = await send(await gateway('spotlight: datamark'));
    expect(messages).toHaveLength(4);
    expect(messages[0]!.role).toBe('system');
    const note = messages[0]!.content as string;
    const boundary = /<<untrusted ([0-9a-f]{32})/u.exec(note)![1]!;
    const marker = /replaced by the character "(.)"/u.exec(note)![1]!;
    expect(messages.slice(1, 3).map((m) => m.content)).toEqual([
      'Answer from the documents.',
      'When are you open?',
    ]);
    expect(messages[3]!.content).toBe(
      `<<untrusted ${boundary} {"cite":"S1"}>>\n${DOC.replace(/ /gu, marker)}\n<</untrusted ${boundary}>>`,
    );
  });

  it('per key: a key created with spotlight encode gets its marked messages encoded, with the config off; another key does not (openai SDK)', async () => {
    // Keys exist before the gateway starts: it is in keyed mode from its first request.
    const keys = new FileKeyStore(join(dir, 'keys.json'));
    const encoded = await keys.create('acme', { spotlight: 'encode' });
    const plain = await keys.create('acme');
    const url = await gateway(`keys: { file: ${join(dir, 'keys.json')} }`);
    const ask = async (key: string) => {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: key });
      await client.chat.completions.create({
        model: 'm',
        messages: [
          { role: 'user', content: 'When are you open?' },
          // The gateway's extension field: the SDK passes it through as written.
          {
            role: 'user',
            content: DOC,
            rampart: { trust: 'untrusted' },
          } as OpenAI.ChatCompletionMessageParam,
        ],
      });
      return upstream.requests.at(-1)!.body.messages.map((m) => m.content as string);
    };
    const withKey = await ask(encoded.key);
    expect(withKey).toHaveLength(3);
    expect(withKey[0]).toMatch(/base64/u);
    expect(withKey[2]).toContain(Buffer.from(DOC, 'utf8').toString('base64'));
    expect(withKey[2]).not.toContain(DOC);
    expect(await ask(plain.key)).toEqual(['When are you open?', DOC]);
  });

  it('per key: a key may turn spotlighting off where the config has it on', async () => {
    const off = await new FileKeyStore(join(dir, 'keys-off.json')).create('acme', { spotlight: 'off' });
    const url = await gateway(`spotlight: datamark\nkeys: { file: ${join(dir, 'keys-off.json')} }`);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: off.key });
    await client.chat.completions.create({
      model: 'm',
      messages: [
        { role: 'user', content: 'When are you open?' },
        { role: 'user', content: DOC, rampart: { trust: 'untrusted' } } as OpenAI.ChatCompletionMessageParam,
      ],
    });
    expect(upstream.requests.at(-1)!.body.messages.map((m) => m.content)).toEqual([
      'When are you open?',
      DOC,
    ]);
  });

  it('refuses an unknown mode in the config', () => {
    expect(() => parseGatewayConfig('spotlight: rot13', 'test-config', dir)).toThrow(/spotlight/u);
  });
});
