import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { FileKeyStore } from '../../../src/gateway/keys/file-key-store.js';
import { keyMode, keysRequiredCheck } from '../../../src/gateway/middleware/key-mode.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('keysRequiredCheck', () => {
  it('turns keyed once a key exists (asking the store at most once a second), and never back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const keys = new FileKeyStore(join(mkdtempSync(join(tmpdir(), 'rampart-keymode-')), 'keys.json'));
    const required = keysRequiredCheck({ keys });
    expect(await required()).toBe(false);
    const { record } = await keys.create('acme');
    expect(await required()).toBe(false); // asked less than a second ago
    vi.setSystemTime(Date.now() + 1000);
    expect(await required()).toBe(true);
    await keys.revoke(record.id);
    vi.setSystemTime(Date.now() + 5000);
    expect(await required()).toBe(true);
  });
});

describe('keyMode', () => {
  it('sets keysRequired on the context for the middleware and routes after it', async () => {
    for (const mode of [true, false]) {
      const app = new Hono<GatewayEnv>();
      app.use(
        '*',
        keyMode(() => Promise.resolve(mode)),
      );
      app.get('/', (c) => c.json({ keysRequired: c.get('keysRequired') }));
      expect(await (await app.request('/')).json()).toEqual({ keysRequired: mode });
    }
  });
});
