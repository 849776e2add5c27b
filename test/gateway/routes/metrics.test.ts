import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { metricsRoute } from '../../../src/gateway/routes/metrics.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';

describe('metrics route', () => {
  it('serves the Prometheus text with its content type', async () => {
    const metrics = createMetrics();
    metrics.request('chat', 200, 0.01);
    const res = await new Hono<GatewayEnv>().get('/metrics', metricsRoute({ metrics })).request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.contentType);
    expect(await res.text()).toMatch(/^rampart_requests_total\{[^}]*route="chat"[^}]*\} 1$/mu);
  });
});
