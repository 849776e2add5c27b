// GET / — the gateway dashboard: a static page (web/) that polls GET /api/dashboard for the decision
// feed's snapshot and the upstreams' health (GET /api/dashboard/stream pushes new entries as SSE). The page shows decisions, never prompt or output text
// (the feed has no field for it). Mount it behind the gateway's admin authentication: model names,
// key ids and tenants are operational data. With an approval queue (the tool firewall's), the page also lists the
// pending approvals — tool, session, reason and the (bounded) arguments, shown as text — with approve/deny buttons:
//   GET  /api/dashboard/approvals              → { enabled, pending: PendingApproval[] }
//   POST /api/dashboard/approvals/<id>/approve → { id, approved: true }   (header x-rampart-dashboard: 1)
//   POST /api/dashboard/approvals/<id>/deny    → { id, approved: false }
// The POSTs need the custom header, which a form or a cross-site script cannot send without a preflight that is
// never answered, on top of the guard's same-origin check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { RampartError } from '../../core/errors.js';
import type { ApprovalQueue } from '../../agent/approvals/approval-queue.js';
import type { DecisionFeed, FeedEntry, FeedSnapshot } from '../../telemetry/decision-feed.js';
import type { RequestCounts } from '../../telemetry/metrics.js';
import type { GatewayEnv } from '../env.js';
import type { UpstreamHealth } from '../upstream/types.js';

export interface DashboardRoutesOptions {
  feed: DecisionFeed;
  upstreamHealth: () => UpstreamHealth[];
  /**
   * The gateway's request counts (its metrics). When given, the dashboard's totals.errors is their 5xx count:
   * the same number /metrics shows, failures after a stream's headers and before any decision included.
   */
  requestCounts?: () => RequestCounts;
  /** Folder holding dashboard.html/.js/.css; defaults to the package's web/ folder. */
  webDir?: string;
  now?: () => number;
  /** Runs before every dashboard page and API path (the gateway's: routes/dashboard-auth.ts); the favicon is
   *  answered without it. */
  guard?: MiddlewareHandler<GatewayEnv>;
  /** Concurrent /api/dashboard/stream connections; more are refused with 503. */
  maxStreams?: number;
  /** Milliseconds between keep-alive comments on an idle stream. */
  heartbeatMs?: number;
  /** The tool firewall's approval queue: its pending calls are listed and answered from the page. */
  approvals?: ApprovalQueue;
}

export interface DashboardData {
  serverTime: number;
  feed: FeedSnapshot;
  upstreams: UpstreamHealth[];
  /** Set when the upstream health could not be read (the feed is still served). */
  upstreamsError?: string;
}

// The page loads only its own script and stylesheet and talks only to its own origin; no inline script
// or style, so an injected string in a category or model name can never execute even if a bug put it
// in markup. The JS also only ever inserts data with textContent.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// src/gateway/routes/ (run by tsx) and dist/gateway/routes/ (built) are both three levels below the
// package root, where web/ lives.
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

const PATHS = [
  '/',
  '/dashboard.js',
  '/dashboard.css',
  '/favicon.ico',
  '/api/dashboard',
  '/api/dashboard/stream',
  '/api/dashboard/approvals',
  '/api/dashboard/approvals/*',
];

const ANSWER_ROUTE = /^[A-Za-z0-9-]{1,64}$/u;

interface Assets {
  html: string;
  js: string;
  css: string;
}

/** What the guard covers: the page, its assets and the API (any method, so a wrong one is refused the same). */
const GUARDED = ['/', '/dashboard.*', '/api/dashboard', '/api/dashboard/*'];

export function dashboardRoutes(options: DashboardRoutesOptions): Hono<GatewayEnv> {
  // Read once when the routes are built (not on import, not per request).
  const assets = readAssets(options.webDir ?? DEFAULT_WEB_DIR);
  const now = options.now ?? Date.now;
  const app = new Hono<GatewayEnv>();
  if (options.guard) app.on('ALL', GUARDED, options.guard);

  // Per path, not '*': the gateway mounts these routes at its root, and a '*' middleware would then
  // stamp the dashboard's headers on every API response too.
  for (const path of PATHS)
    app.use(path, async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    });

  app.get('/', (c) => c.body(assets.html, 200, { 'Content-Type': 'text/html; charset=utf-8' }));
  app.get('/dashboard.js', (c) =>
    c.body(assets.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/dashboard.css', (c) => c.body(assets.css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  // Browsers ask for it on every page load; answering 204 keeps a 404 out of the console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/api/dashboard', (c) => c.json(dashboardData(options, now)));

  app.get('/api/dashboard/approvals', (c) =>
    c.json({ enabled: options.approvals !== undefined, pending: options.approvals?.list() ?? [] }),
  );
  app.post('/api/dashboard/approvals/:id/:verb', (c) => {
    const { id, verb } = c.req.param();
    if (c.req.header('x-rampart-dashboard') !== '1')
      return c.json({ error: { message: 'missing the x-rampart-dashboard header', type: 'forbidden' } }, 403);
    const queue = options.approvals;
    if (!queue || !ANSWER_ROUTE.test(id) || (verb !== 'approve' && verb !== 'deny'))
      return c.json({ error: { message: 'not found', type: 'not_found' } }, 404);
    try {
      if (verb === 'approve') queue.approve(id, 'dashboard');
      else queue.deny(id, 'dashboard', 'denied from the dashboard');
    } catch (e) {
      if (e instanceof RampartError)
        return c.json({ error: { message: e.message, type: 'not_found', code: e.code } }, 404);
      throw e;
    }
    return c.json({ id, approved: verb === 'approve' });
  });

  // Live push of new entries (Server-Sent Events). Each connection holds a feed subscription and a
  // queue, so both the number of connections and each queue are bounded: a slow or stalled viewer loses
  // its oldest entries (and is told how many), it never grows the gateway's memory.
  const maxStreams = options.maxStreams ?? 16;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let openStreams = 0;
  app.get('/api/dashboard/stream', (c) => {
    if (openStreams >= maxStreams)
      return c.json({ error: { message: 'too many dashboard streams open', type: 'server_busy' } }, 503);
    openStreams++;
    const signal = c.req.raw.signal;
    return streamSSE(c, async (stream) => {
      // A viewer closing the page frees its slot at once, not at the next write.
      if (signal.aborted) stream.abort();
      else signal.addEventListener('abort', () => stream.abort(), { once: true });
      try {
        await pumpFeed(stream, options.feed, heartbeatMs, now);
      } catch {
        // The viewer went away mid-write; there is nobody left to tell.
      } finally {
        openStreams--;
      }
    });
  });

  return app;
}

const MAX_QUEUED_ENTRIES = 256;

async function pumpFeed(
  stream: SSEStreamingApi,
  feed: DecisionFeed,
  heartbeatMs: number,
  now: () => number,
): Promise<void> {
  const queue: FeedEntry[] = [];
  let dropped = 0;
  let wake: (() => void) | undefined;
  const unsubscribe = feed.subscribe((entry) => {
    if (queue.length >= MAX_QUEUED_ENTRIES) {
      queue.shift();
      dropped++;
    }
    queue.push(entry);
    wake?.();
  });
  stream.onAbort(() => wake?.());
  try {
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ serverTime: now() }) });
    while (!stream.aborted && !stream.closed) {
      if (dropped > 0) {
        const count = dropped;
        dropped = 0;
        await stream.writeSSE({ event: 'dropped', data: JSON.stringify({ count }) });
        continue;
      }
      const entry = queue.shift();
      if (entry) {
        await stream.writeSSE({ event: 'decision', data: JSON.stringify(entry) });
        continue;
      }
      const idle = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), heartbeatMs);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = undefined;
      // A comment line keeps proxies from closing an idle connection.
      if (idle && !stream.aborted) await stream.write(': keep-alive\n\n');
    }
  } finally {
    unsubscribe();
  }
}

function dashboardData(options: DashboardRoutesOptions, now: () => number): DashboardData {
  const data: DashboardData = { serverTime: now(), feed: options.feed.snapshot(), upstreams: [] };
  if (options.requestCounts) data.feed.totals.errors = options.requestCounts().errors;
  try {
    // Copy only the documented fields: an upstream implementation must not leak more through here.
    data.upstreams = options.upstreamHealth().map((u) => {
      const h: UpstreamHealth = { name: u.name, state: u.state, failures: u.failures };
      if (u.lastError !== undefined) h.lastError = u.lastError;
      if (u.lastLatencyMs !== undefined) h.lastLatencyMs = u.lastLatencyMs;
      return h;
    });
  } catch {
    data.upstreamsError = 'upstream health unavailable';
  }
  return data;
}

function readAssets(dir: string): Assets {
  const read = (name: string) => {
    const path = join(dir, name);
    try {
      return readFileSync(path, 'utf8');
    } catch (cause) {
      throw new RampartError('CONFIG_NOT_FOUND', `dashboard asset ${path} is missing`, { cause });
    }
  };
  return { html: read('dashboard.html'), js: read('dashboard.js'), css: read('dashboard.css') };
}
