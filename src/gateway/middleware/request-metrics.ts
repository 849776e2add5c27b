// A request is counted once, in /metrics and on the dashboard alike, with the status it was answered with
// (an error's, as the app's error handler mapped it). A streamed answer defers its count to the stream's
// end: the route takes `c.get('deferCount')()` and calls what it returns with the status the stream ended
// with (an error event's, after a failure behind the 200 headers).
import { createMiddleware } from 'hono/factory';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';

export const requestMetrics = (gw: Pick<GatewayContext, 'metrics'>, route: string) =>
  createMiddleware<GatewayEnv>(async (c, next) => {
    const started = performance.now();
    let deferred = false;
    const count = (status: number) => gw.metrics.request(route, status, (performance.now() - started) / 1000);
    c.set('deferCount', () => {
      deferred = true;
      return count;
    });
    await next();
    // A handler that threw after deferring did not hand a stream over: its error is counted now.
    if (c.error || !deferred) count(c.res.status);
  });
