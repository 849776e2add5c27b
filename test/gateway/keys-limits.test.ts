// Keys and limits through the real gateway: 401s without a valid key, revocation taking effect in a
// running gateway, 429 with retry-after over a limit — with the memory store and the file key store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import type { OpenAIErrorBody } from '../../src/gateway/openai-types.js';
import { FileKeyStore } from '../../src/gateway/keys/file-key-store.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-keys-'));
const keysFile = join(dir, 'keys.json');
let gw: RunningGateway;
let store: FileKeyStore;
let key: string;

beforeAll(async () => {
  store = new FileKeyStore(keysFile);
  const created = await store.create('acme', { name: 'ci', limits: { requests_per_minute: 3 } });
  key = created.key;
  gw = await startGateway(
    parseGatewayConfig(
      `keys: { file: ${keysFile} }\naudit: { enabled: false }\nlimits: { requests_per_minute: 100 }`,
      't',
      dir,
    ),
    { port: 0 },
  );
});
afterAll(async () => {
  await gw?.close();
});

const ask = (apiKey: string) =>
  new OpenAI({ baseURL: `${gw.url}/v1`, apiKey, maxRetries: 0 }).chat.completions.create({
    model: 'rampart-local',
    messages: [{ role: 'user', content: 'Hello there' }],
  });

describe('virtual keys', () => {
  it('may listen on a public address once keys exist', async () => {
    const g = await startGateway(
      parseGatewayConfig(`keys: { file: ${keysFile} }\naudit: { enabled: false }`, 't', dir),
      { host: '0.0.0.0', port: 0 },
    );
    try {
      expect(g.host).toBe('0.0.0.0');
      expect(g.port).toBeGreaterThan(0);
      // Listening on every interface, and still asking for a key.
      const res = await fetch(`http://127.0.0.1:${g.port}/v1/models`);
      expect(res.status).toBe(401);
      const ok = await fetch(`http://127.0.0.1:${g.port}/v1/models`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      await g.close();
    }
  });

  it('rejects requests without a key, with a wrong key and with a malformed key', async () => {
    for (const bad of ['', 'sk-not-ours', key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')]) {
      const err = await ask(bad || 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    }
    const res = await fetch(`${gw.url}/v1/models`);
    expect(res.status).toBe(401);
  });

  it('refuses a request with two Authorization headers, even when both carry the valid key', async () => {
    // Node keeps only the first Authorization header in req.headers; the gateway must still see both.
    const body = JSON.stringify({ model: 'rampart-local', messages: [{ role: 'user', content: 'Hi' }] });
    const status = (headers: string[]) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${gw.url}/v1/chat/completions`, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    // Raw header lists carry no automatic Host or Content-Length.
    const json = [
      'host',
      'localhost',
      'content-type',
      'application/json',
      'content-length',
      String(body.length),
    ];
    expect(await status([...json, 'authorization', `Bearer ${key}`, 'authorization', `Bearer ${key}`])).toBe(
      401,
    );
    expect(await status([...json, 'Authorization', `Bearer ${key}`, 'authorization', 'Bearer x'])).toBe(401);
  });

  it("applies the key's own requests/minute limit with a 429 and retry-after", async () => {
    for (let i = 0; i < 3; i++) await ask(key);
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'rampart-local', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as OpenAIErrorBody;
    expect(body.error).toMatchObject({ type: 'rate_limit_error', code: 'requests_per_minute' });
  });

  it('stops accepting a key once it is revoked (the running gateway rereads the key file)', async () => {
    const other = await store.create('acme', { name: 'second' });
    await new Promise((r) => setTimeout(r, 1100)); // the key file is reread at most once a second
    const before = await ask(other.key);
    expect(before.choices[0]?.message.role).toBe('assistant');
    await new FileKeyStore(keysFile).revoke(other.record.id);
    await new Promise((r) => setTimeout(r, 1100));
    const err = await ask(other.key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });

  it('keeps the dashboard closed when keys exist and no admin password is configured', async () => {
    const res = await fetch(`${gw.url}/api/dashboard`);
    expect(res.status).toBe(403);
  });
});
