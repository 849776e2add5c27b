// Who is calling, once per API request: the verified key and its limits (auth.ts), set as `caller`. A request
// without a valid key where keys are required ends here with 401. Without key-mode.ts before it, keys are
// required (fail closed).
import { createMiddleware } from 'hono/factory';
import { authenticate } from '../auth.js';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { requestHeaders } from '../request-origin.js';

export const callerAuth = (gw: GatewayContext) =>
  createMiddleware<GatewayEnv>(async (c, next) => {
    c.set('caller', await authenticate(gw, requestHeaders(c), c.get('keysRequired') !== false));
    await next();
  });
