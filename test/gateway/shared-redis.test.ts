// Two gateway PROCESSES on one Redis share one limit and see one revocation: the scaled-out set-up.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeyStore } from '../../src/gateway/keys/redis-key-store.js';
import { connectRedis } from '../../src/gateway/store/redis-client.js';
import { redisUrl } from '../helpers/redis.js';
import { spawnServe } from './fixtures/spawn-serve.js';

const prefix = `rampart-test-${process.pid}-${Date.now()}:`;
const children: ChildProcess[] = [];
let urls: string[] = [];
let key = '';
let keyId = '';
let keys: RedisKeyStore;

function startProcess(configPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { child, url } = spawnServe(configPath, { env });
  children.push(child);
  return url;
}

beforeAll(async () => {
  const url = await redisUrl();
  const redis = connectRedis(url);
  keys = new RedisKeyStore(redis, prefix, { ownsConnection: true });
  const created = await keys.create('acme', { limits: { requests_per_minute: 5 } });
  key = created.key;
  keyId = created.record.id;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-shared-'));
  const configPath = join(dir, 'gateway.yaml');
  writeFileSync(
    configPath,
    `store: { kind: redis, url_env: TEST_REDIS_URL, prefix: "${prefix}" }\naudit: { enabled: false }\ntelemetry: { log_level: error }\n`,
  );
  const env = { ...process.env, TEST_REDIS_URL: url };
  urls = await Promise.all([startProcess(configPath, env), startProcess(configPath, env)]);
}, 60_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await keys?.close?.();
});

const ask = (base: string) =>
  fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'rampart-local', messages: [{ role: 'user', content: 'hello' }] }),
  });

describe('two gateway processes on one Redis', () => {
  it('share one requests/minute limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await ask(urls[i % 2]!)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('see a revocation made through Redis at once', async () => {
    await keys.revoke(keyId);
    for (const u of urls) {
      const err = await new OpenAI({ baseURL: `${u}/v1`, apiKey: key, maxRetries: 0 }).models
        .list()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    }
  });
});
