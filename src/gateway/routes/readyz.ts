// GET /readyz: the gateway can serve when its state store answers; an upstream whose circuit is open is
// reported, and does not make the gateway unready.
import type { Handler } from 'hono';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';

export const readyzRoute =
  (gw: Pick<GatewayContext, 'store' | 'router'>): Handler<GatewayEnv> =>
  async (c) => {
    const checks: Record<string, string> = {};
    try {
      await gw.store.counterGet('readyz', Date.now());
      checks.store = 'ok';
    } catch {
      checks.store = 'unavailable';
    }
    const open = gw.router
      .health()
      .filter((h) => h.state === 'open')
      .map((h) => h.name);
    checks.upstreams = open.length === 0 ? 'ok' : `circuit open: ${open.join(', ')}`;
    const ready = checks.store === 'ok';
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  };
