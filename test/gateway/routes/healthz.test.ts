import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { healthzRoute } from '../../../src/gateway/routes/healthz.js';

describe('healthz route', () => {
  it('answers ok without asking anything', async () => {
    const app = new Hono<GatewayEnv>().get('/healthz', healthzRoute());
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
