import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, type DashboardData } from '../../src/gateway/routes/dashboard.js';
import type { UpstreamHealth } from '../../src/gateway/upstream/types.js';
import { createDecisionFeed } from '../../src/telemetry/decision-feed.js';

function setup(upstreamHealth: () => UpstreamHealth[] = () => []) {
  const feed = createDecisionFeed();
  const app = dashboardRoutes({ feed, upstreamHealth, now: () => 1234 });
  return { feed, app };
}

describe('dashboardRoutes', () => {
  it('serves the page, its script and stylesheet with the right types and security headers', async () => {
    const { app } = setup();
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/dashboard.js', 'text/javascript'],
      ['/dashboard.css', 'text/css'],
      ['/api/dashboard', 'application/json'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('mounted at the gateway root, leaves the headers of the other routes alone', async () => {
    const gateway = new Hono();
    gateway.get('/v1/models', (c) => c.json({ data: [] }));
    gateway.route('/', setup().app);
    const api = await gateway.request('/v1/models');
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect(api.headers.get('cache-control')).toBeNull();
    const page = await gateway.request('/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const missing = await gateway.request('/nope');
    expect(missing.status).toBe(404);
  });

  it('ships a page with no inline script, no inline style and nothing from another origin', async () => {
    const { app } = setup();
    const html = await (await app.request('/')).text();
    expect(html).toMatch(/<script src="dashboard\.js"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const js = await (await app.request('/dashboard.js')).text();
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    const css = await (await app.request('/dashboard.css')).text();
    expect(css).not.toMatch(/@import|url\(/);
  });

  it('answers the snapshot, the upstream health (known fields only) and the server time', async () => {
    const { feed, app } = setup(() => [
      { name: 'openai', state: 'closed', failures: 0, lastLatencyMs: 12 },
      {
        name: 'backup',
        state: 'open',
        failures: 5,
        lastError: 'UPSTREAM_TIMEOUT',
        apiKey: 'sk-should-not-leak',
      } as UpstreamHealth,
    ]);
    feed.record({
      id: 'r1',
      ts: 1,
      route: '/v1/chat/completions',
      model: 'm',
      stage: 'input',
      action: 'block',
      categories: ['prompt_injection.override'],
      scannerMs: { 'injection-rules': 3 },
      latencyMs: 4,
      status: 403,
    });
    const res = await app.request('/api/dashboard');
    const text = await res.text();
    expect(text).not.toContain('sk-should-not-leak');
    const data = JSON.parse(text) as DashboardData;
    expect(data.serverTime).toBe(1234);
    expect(data.feed.totals.blocked).toBe(1);
    expect(data.feed.recent[0]).toMatchObject({ id: 'r1', action: 'block' });
    expect(data.upstreams).toEqual([
      { name: 'openai', state: 'closed', failures: 0, lastLatencyMs: 12 },
      { name: 'backup', state: 'open', failures: 5, lastError: 'UPSTREAM_TIMEOUT' },
    ]);
    expect(data.upstreamsError).toBeUndefined();
  });

  it('still serves the feed when reading upstream health throws, without the error text', async () => {
    const { app } = setup(() => {
      throw new Error('connect ECONNREFUSED secret-host');
    });
    const res = await app.request('/api/dashboard');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('secret-host');
    expect(JSON.parse(text)).toMatchObject({ upstreams: [], upstreamsError: 'upstream health unavailable' });
  });

  it('fails at construction with CONFIG_NOT_FOUND when an asset is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-web-'));
    writeFileSync(join(dir, 'dashboard.html'), '<!doctype html>');
    const build = () =>
      dashboardRoutes({ feed: createDecisionFeed(), upstreamHealth: () => [], webDir: dir });
    expect(build).toThrow(expect.objectContaining({ name: 'RampartError', code: 'CONFIG_NOT_FOUND' }));
    expect(build).toThrow(/dashboard\.js is missing/);
  });
});
