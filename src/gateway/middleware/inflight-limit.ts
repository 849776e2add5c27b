// server.max_concurrent_requests: a request over the limit is refused at once (503 overloaded, retry-after)
// instead of queueing behind the others. A streamed answer leaves the count when its handler returns.
import { createMiddleware } from 'hono/factory';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { GatewayError } from '../http-errors.js';

export const inflightLimit = (gw: Pick<GatewayContext, 'config' | 'inflight'>) =>
  createMiddleware<GatewayEnv>(async (_c, next) => {
    if (gw.inflight.count >= gw.config.server.max_concurrent_requests)
      throw new GatewayError({
        status: 503,
        type: 'server_error',
        code: 'overloaded',
        message: 'too many requests in flight; retry shortly',
        headers: { 'retry-after': '1' },
      });
    gw.inflight.count++;
    try {
      await next();
    } finally {
      gw.inflight.count--;
    }
  });
