import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../../src/gateway/config.js';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { badRequest, errorInitFor, errorResponse } from '../../../src/gateway/http-errors.js';
import { inflightLimit } from '../../../src/gateway/middleware/inflight-limit.js';

function app(max: number) {
  const gw = {
    config: parseGatewayConfig(`server: { max_concurrent_requests: ${max} }`, 't', '.'),
    inflight: { count: 0 },
  };
  const a = new Hono<GatewayEnv>();
  a.onError((err) => errorResponse(errorInitFor(err)));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  a.get('/slow', inflightLimit(gw), async (c) => {
    await held;
    return c.text('done');
  });
  a.get('/fast', inflightLimit(gw), (c) => c.text(String(gw.inflight.count)));
  a.get('/bad', inflightLimit(gw), () => {
    throw badRequest('no', 'x');
  });
  return { a, gw, release };
}

describe('inflightLimit', () => {
  it('refuses a request over server.max_concurrent_requests with 503 overloaded and retry-after', async () => {
    const { a, gw, release } = app(1);
    const slow = a.request('/slow');
    await new Promise((r) => setImmediate(r));
    expect(gw.inflight.count).toBe(1);
    const refused = await a.request('/fast');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('overloaded');
    release();
    expect(await (await slow).text()).toBe('done');
    expect(gw.inflight.count).toBe(0);
    expect(await (await a.request('/fast')).text()).toBe('1'); // counted while it runs
  });

  it('a request that fails leaves the count', async () => {
    const { a, gw } = app(1);
    expect((await a.request('/bad')).status).toBe(400);
    expect(gw.inflight.count).toBe(0);
  });
});
