import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { readyzRoute } from '../../../src/gateway/routes/readyz.js';
import { MemoryStore } from '../../../src/gateway/store/memory-store.js';
import type { StateStore } from '../../../src/gateway/store/state-store.js';
import type { UpstreamRouter } from '../../../src/gateway/upstream/router.js';
import { createRouter } from '../../../src/gateway/upstream/router.js';
import { createLocalModel } from '../../../src/local-model/model.js';

const router: UpstreamRouter = createRouter([], createLocalModel());
const app = (store: StateStore) => new Hono<GatewayEnv>().get('/readyz', readyzRoute({ store, router }));

describe('readyz route', () => {
  it('is ready when the store answers', async () => {
    const res = await app(new MemoryStore()).request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { store: 'ok', upstreams: 'ok' } });
  });

  it('is not ready (503) when the store fails', async () => {
    const broken = new MemoryStore();
    broken.counterGet = () => Promise.reject(new Error('down'));
    const res = await app(broken).request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not_ready', checks: { store: 'unavailable' } });
  });
});
