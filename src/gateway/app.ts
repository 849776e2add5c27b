// The gateway's HTTP routes (Hono). Handlers stay thin: parse and authenticate here, the work lives in
// chat/, and every failure becomes an OpenAI-shaped error — never a stack trace, never a pass.
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { dashboardRoutes } from './routes/dashboard.js';
import { authenticate, headerReader, type HeaderSource } from './auth.js';
import { blockedResponse } from './chat/blocked.js';
import { completeChat } from './chat/complete.js';
import { prepareChat } from './chat/prepare.js';
import { streamChat } from './chat/stream.js';
import type { Caller, GatewayContext } from './context.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { errorInitFor, errorResponse, GatewayError } from './http-errors.js';
import { ChatRequestSchema } from './request-schema.js';
import { readJson } from './request-body.js';
import { dashboardGuard } from './routes/dashboard-auth.js';
import { keylessBrowserGuard } from './request-origin.js';
import type { ChatRequest } from './openai-types.js';
import { startGenAiSpan } from '../telemetry/span-attributes.js';
import { SESSION_HEADER } from './chat/tool-firewall.js';
import { endRequestSpan } from './chat/record.js';

export interface GatewayApp {
  app: Hono;
  /** Whether requests need a key (true once any key exists; checked at most once a second). */
  keysRequired(): Promise<boolean>;
}

/** The Node request under a Hono context when served by @hono/node-server (undefined otherwise). */
const incomingOf = (c: Context): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** Request headers without building a WHATWG Headers when the Node request is at hand. */
const requestHeaders = (c: Context): HeaderSource => {
  const incoming = incomingOf(c);
  return incoming ? headerReader(incoming) : c.req.raw.headers;
};

export function createApp(gw: GatewayContext): GatewayApp {
  const app = new Hono();
  // The decision id (and upstream) of a request in progress, for the error response and log line of a
  // failure after the input check.
  const decisionIds = new WeakMap<Context, { id: string; upstream?: string }>();
  let required = false;
  let checkedAt = 0;
  const keysRequired = async (): Promise<boolean> => {
    if (required) return true; // once keys exist, the gateway never falls back to open mode
    const now = Date.now();
    if (now - checkedAt >= 1000) {
      checkedAt = now;
      required = (await gw.keys.list()).length > 0;
    }
    return required;
  };

  app.onError((err, c) => {
    const init = errorInitFor(err);
    const request = decisionIds.get(c);
    if (init.status >= 500)
      // The error itself, cause chain included (the logger's serializer keeps no body or upstream message).
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
  });
  // A known path asked with another method (a GET to /v1/chat/completions) answers 405 with the methods it
  // takes, as OpenAI's API does, instead of a 404 that reads like a wrong base URL. Built on first use, when
  // every route is registered.
  let methodsByPath: Map<string, string[]> | undefined;
  app.notFound((c) => {
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
  });

  // Before every route: a keyless gateway answers no other site's page (DNS rebinding, cross-origin).
  app.use('*', keylessBrowserGuard(gw.config.server.allowed_hosts, keysRequired));

  const caller = async (c: Context, headers: HeaderSource = requestHeaders(c)): Promise<Caller> =>
    authenticate(gw, headers, await keysRequired());
  // A request is counted once, in /metrics and on the dashboard alike. A streamed answer defers its count
  // to the stream's end: a failure after the 200 headers counts with the status of its error event.
  const timed =
    (route: string, handler: (c: Context, deferCount: () => (status: number) => void) => Promise<Response>) =>
    async (c: Context) => {
      const started = performance.now();
      let status = 500;
      let deferred = false;
      const count = (s: number) => gw.metrics.request(route, s, (performance.now() - started) / 1000);
      const deferCount = () => {
        deferred = true;
        return count;
      };
      try {
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
          const res = await handler(c, deferCount);
          status = res.status;
          return res;
        } finally {
          gw.inflight.count--;
        }
      } catch (err) {
        status = errorInitFor(err).status;
        deferred = false;
        throw err;
      } finally {
        if (!deferred) count(status);
      }
    };

  app.post(
    '/v1/chat/completions',
    timed('chat', async (c, deferCount) => {
      const incoming = incomingOf(c);
      const headers = requestHeaders(c);
      const who = await caller(c, headers);
      const body = (await readJson(
        c.req.raw,
        ChatRequestSchema,
        who.limits.max_body_bytes,
        incoming,
      )) as ChatRequest;
      const span = startGenAiSpan(gw.tracing.tracer, {
        operation: 'chat',
        model: body.model,
        stream: body.stream === true,
        maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
      });
      try {
        const session = headers.get(SESSION_HEADER)?.slice(0, 128);
        const prepared = await prepareChat(gw, body, who, span, session);
        const resHeaders = { 'x-rampart-decision': prepared.info.id };
        // For onError (an error after this point still names the decision); cheaper than c.header().
        decisionIds.set(c, { id: prepared.info.id, upstream: prepared.info.upstream });
        if ('blocked' in prepared) {
          endRequestSpan(prepared.info, {}, 'rampart_policy_violation');
          return blockedResponse(gw, prepared.info, prepared.blocked, body.stream === true, resHeaders);
        }
        if (body.stream) {
          // For a client that stopped reading: destroying its socket cancels the stream as a client that
          // left would (served by node, there is always a socket).
          const drop = incoming ? () => incoming.socket.destroy() : () => undefined;
          return streamChat(gw, prepared, who, resHeaders, c.req.raw.signal, drop, deferCount());
        }
        return await completeChat(gw, prepared, who, c.req.raw.signal, resHeaders);
      } catch (err) {
        // Ends the span if no handler did (a no-op when it was already ended).
        endRequestSpan(
          { id: '', route: 'chat', model: body.model, startedAt: 0, span },
          {},
          String(errorInitFor(err).status),
        );
        throw err;
      }
    }),
  );
  app.post(
    '/v1/embeddings',
    timed('embeddings', async (c) => embeddingsRoute(gw, c.req.raw, await caller(c))),
  );
  app.get(
    '/v1/models',
    timed('models', async (c) => {
      await caller(c);
      return c.json({ object: 'list', data: await gw.router.listModels() });
    }),
  );
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
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
  });
  app.get('/metrics', async (c) => {
    const text = await gw.metrics.render();
    return c.text(text, 200, { 'content-type': gw.metrics.contentType });
  });
  if (gw.config.server.dashboard) {
    const dash = dashboardRoutes({
      feed: gw.feed,
      upstreamHealth: () => gw.router.health(),
      requestCounts: () => gw.metrics.requestCounts(),
    });
    app.use('/', dashboardGuard(gw, keysRequired));
    app.use('/dashboard.*', dashboardGuard(gw, keysRequired));
    app.use('/api/dashboard/*', dashboardGuard(gw, keysRequired));
    app.use('/api/dashboard', dashboardGuard(gw, keysRequired));
    app.route('/', dash);
  }
  return { app, keysRequired };
}

/** Methods per exact route path (middleware and patterns left out); Hono answers HEAD with a GET route. */
function registeredMethods(app: Hono): Map<string, string[]> {
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
