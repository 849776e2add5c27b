// Open or keyed mode, decided once per request before any other middleware: requests need an API key as
// soon as any key exists (checked at most once a second; once keys exist, the gateway never falls back to
// open mode). Sets `keysRequired` for the browser guard, the caller and the dashboard guard.
import { createMiddleware } from 'hono/factory';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';

/** Whether requests need a key: true once any key exists; the key store is asked at most once a second. */
export function keysRequiredCheck(gw: Pick<GatewayContext, 'keys'>): () => Promise<boolean> {
  let required = false;
  let checkedAt = 0;
  return async () => {
    if (required) return true;
    const now = Date.now();
    if (now - checkedAt >= 1000) {
      checkedAt = now;
      required = (await gw.keys.list()).length > 0;
    }
    return required;
  };
}

export const keyMode = (keysRequired: () => Promise<boolean>) =>
  createMiddleware<GatewayEnv>(async (c, next) => {
    c.set('keysRequired', await keysRequired());
    await next();
  });
