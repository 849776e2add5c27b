// The gateway's HTTP app (Hono): the table of routes and the middleware in front of them. Each route's
// handler lives in routes/ and reads what the middleware set on the context (middleware/, typed in env.ts);
// every failure becomes an OpenAI-shaped error — never a stack trace, never a pass.
import { Hono, type Context } from 'hono';
import type { GatewayContext } from './context.js';
import type { GatewayEnv } from './env.js';
import { errorInitFor, errorResponse } from './http-errors.js';
import { callerAuth } from './middleware/caller.js';
import { inflightLimit } from './middleware/inflight-limit.js';
import { keyMode, keysRequiredCheck } from './middleware/key-mode.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { keylessBrowserGuard } from './request-origin.js';
import { chatRoute } from './routes/chat.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { dashboardGuard } from './routes/dashboard-auth.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthzRoute } from './routes/healthz.js';
import { metricsRoute } from './routes/metrics.js';
import { modelsRoute } from './routes/models.js';
import { readyzRoute } from './routes/readyz.js';
import { responsesRoute } from './routes/responses.js';

export interface GatewayApp {
  app: Hono<GatewayEnv>;
  /** Whether requests need a key (true once any key exists; checked at most once a second). */
  keysRequired(): Promise<boolean>;
}

export function createApp(gw: GatewayContext): GatewayApp {
  const app = new Hono<GatewayEnv>();
  const keysRequired = keysRequiredCheck(gw);
  app.onError(errorHandler(gw));
  app.notFound(notFoundHandler(app));

  // Before every route: open or keyed mode, then a keyless gateway answers no other site's page (DNS
  // rebinding, cross-origin).
  app.use('*', keyMode(keysRequired), keylessBrowserGuard(gw.config.server.allowed_hosts));

  // The API: counted (/metrics, dashboard), bounded in flight, then the caller's key checked.
  const api = (route: string) => [requestMetrics(gw, route), inflightLimit(gw), callerAuth(gw)] as const;
  app.post('/v1/chat/completions', ...api('chat'), chatRoute(gw));
  app.post('/v1/embeddings', ...api('embeddings'), embeddingsRoute(gw));
  app.post('/v1/responses', ...api('chat'), responsesRoute(gw));
  app.get('/v1/models', ...api('models'), modelsRoute(gw));

  app.get('/healthz', healthzRoute());
  app.get('/readyz', readyzRoute(gw));
  app.get('/metrics', metricsRoute(gw));
  if (gw.config.server.dashboard)
    app.route(
      '/',
      dashboardRoutes({
        feed: gw.feed,
        upstreamHealth: () => gw.router.health(),
        requestCounts: () => gw.metrics.requestCounts(),
        guard: dashboardGuard(gw),
        ...(gw.approvals ? { approvals: gw.approvals } : {}),
      }),
    );
  return { app, keysRequired };
}

/** Any error a handler or middleware throws, as an OpenAI-shaped response; a 5xx is logged with its cause
 *  chain (the logger's serializer keeps no body or upstream message) and the decision it happened under. */
function errorHandler(gw: Pick<GatewayContext, 'log'>) {
  return (err: Error, c: Context<GatewayEnv>) => {
    const init = errorInitFor(err);
    const request = c.get('decision');
    if (init.status >= 500)
      gw.log.error(
        {
          code: init.code,
          status: init.status,
          err,
          route: c.req.path,
          decision: request?.id,
          upstream: request?.upstream,
        },
        'request failed',
      );
    return errorResponse(init, request ? { 'x-rampart-decision': request.id } : {});
  };
}

/**
 * A known path asked with another method (a GET to /v1/chat/completions) answers 405 with the methods it
 * takes, as OpenAI's API does, instead of a 404 that reads like a wrong base URL. Built on first use, when
 * every route is registered.
 */
function notFoundHandler(app: Hono<GatewayEnv>) {
  let methodsByPath: Map<string, string[]> | undefined;
  return (c: Context<GatewayEnv>) => {
    methodsByPath ??= registeredMethods(app);
    const allow = methodsByPath.get(c.req.path);
    if (allow)
      return errorResponse(
        {
          status: 405,
          type: 'invalid_request_error',
          code: 'method_not_allowed',
          message: `${c.req.path} takes ${allow.join(' or ')}`,
        },
        { allow: allow.join(', ') },
      );
    return errorResponse({
      status: 404,
      type: 'not_found_error',
      code: 'not_found',
      message: 'no such route',
    });
  };
}

/** Methods per exact route path (middleware and patterns left out); Hono answers HEAD with a GET route. */
function registeredMethods(app: Hono<GatewayEnv>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || /[*:]/u.test(r.path)) continue;
    const methods = out.get(r.path) ?? [];
    for (const m of r.method === 'GET' ? ['GET', 'HEAD'] : [r.method])
      if (!methods.includes(m)) methods.push(m);
    out.set(r.path, methods);
  }
  return out;
}
