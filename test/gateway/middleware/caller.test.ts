import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/gateway/gateway.js';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { errorInitFor, errorResponse } from '../../../src/gateway/http-errors.js';
import { callerAuth } from '../../../src/gateway/middleware/caller.js';
import { keyMode } from '../../../src/gateway/middleware/key-mode.js';
import { inProcessGateway } from '../fixtures/in-process.js';

let gw: Gateway;
let key: string;
let keyId: string;
beforeAll(async () => {
  const made = await inProcessGateway({ withKey: true });
  gw = made.gw;
  key = made.key!;
  keyId = made.keyId!;
});
afterAll(async () => {
  await gw?.close();
});

function app(mode: boolean | undefined) {
  const a = new Hono<GatewayEnv>();
  a.onError((err) => errorResponse(errorInitFor(err)));
  if (mode !== undefined)
    a.use(
      '*',
      keyMode(() => Promise.resolve(mode)),
    );
  a.get('/', callerAuth(gw.context), (c) => c.json({ keyId: c.get('caller').keyId ?? null }));
  return a;
}
const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('callerAuth', () => {
  it('sets the verified caller; a missing or wrong key is refused with 401', async () => {
    const ok = await app(true).request('/', { headers: { authorization: `Bearer ${key}` } });
    expect(await ok.json()).toEqual({ keyId });
    const missing = await app(true).request('/');
    expect(missing.status).toBe(401);
    expect(await code(missing)).toBe('invalid_api_key');
    expect((await app(true).request('/', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('lets a keyless request through in open mode, and fails closed when the key mode is not set', async () => {
    expect(await (await app(false).request('/')).json()).toEqual({ keyId: null });
    expect((await app(undefined).request('/')).status).toBe(401);
  });
});
