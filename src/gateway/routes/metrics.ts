// GET /metrics: the Prometheus exposition of the gateway's counters and histograms (no text, no key ids).
import type { Handler } from 'hono';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';

export const metricsRoute =
  (gw: Pick<GatewayContext, 'metrics'>): Handler<GatewayEnv> =>
  async (c) =>
    c.text(await gw.metrics.render(), 200, { 'content-type': gw.metrics.contentType });
