// Approvals in the dashboard: a real ApprovalQueue's pending calls are listed in headless Chromium, with hostile
// tool arguments shown as text, and the Approve / Deny buttons answer the waiting call. The answer API refuses a
// request without the dashboard's header and sits behind the dashboard's guard.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalQueue } from '../../src/agent/approvals/approval-queue.js';
import { dashboardRoutes } from '../../src/gateway/routes/dashboard.js';
import { createDecisionFeed } from '../../src/telemetry/decision-feed.js';
import { launchChromium } from '../helpers/chromium.js';

const HOSTILE =
  '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>';

async function listen(app: Hono): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
}

describe('dashboard approvals', () => {
  const queue = new ApprovalQueue({ timeoutMs: 60_000 });
  let server: Server;
  let base: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const app = new Hono();
    app.route(
      '/',
      dashboardRoutes({ feed: createDecisionFeed(), upstreamHealth: () => [], approvals: queue }),
    );
    ({ server, base } = await listen(app));
    browser = await launchChromium();
  });

  afterAll(async () => {
    queue.close();
    await browser?.close();
    await close(server);
  });

  it('lists pending calls with hostile arguments as text; Approve and Deny answer the waiting calls', async () => {
    const first = queue.open(
      { sessionId: 's-1', principal: { type: 'User', id: 'pat' }, tool: 'send_email', args: { to: HOSTILE } },
      { reason: 'policy harmful-after-untrusted asks a person' },
    );
    const second = queue.open(
      {
        sessionId: 's-2',
        principal: { type: 'User', id: 'pat' },
        tool: `delete_${HOSTILE}`,
        args: { path: '/' },
      },
      { reason: HOSTILE },
    );
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/`);
    await page.waitForSelector(`#approvals tr[data-id="${first.id}"]`);
    const row1 = page.locator(`#approvals tr[data-id="${first.id}"]`);
    const row2 = page.locator(`#approvals tr[data-id="${second.id}"]`);
    // The arguments are shown as JSON (quotes escaped), as text.
    expect(await row1.textContent()).toContain(JSON.stringify(HOSTILE));
    expect(await row1.textContent()).toContain('send_email');
    expect(await row2.textContent()).toContain(`delete_${HOSTILE}`);
    // Shown, never parsed: no element came out of the hostile text and nothing ran.
    expect(await page.locator('#approvals img, #approvals script').count()).toBe(0);
    expect(await page.evaluate('document.body.dataset.pwned ?? null')).toBeNull();

    await row1.locator('button[data-verb="approve"]').click();
    await expect(first.result).resolves.toMatchObject({ approved: true, approver: 'dashboard' });
    await row2.locator('button[data-verb="deny"]').click();
    await expect(second.result).resolves.toMatchObject({ approved: false, approver: 'dashboard' });
    await page.waitForSelector(`#approvals tr[data-id="${first.id}"]`, { state: 'detached' });
    await page.waitForSelector('[data-testid="approvals-empty"]:not([hidden])');
    expect(await page.textContent('[data-testid="approvals-empty"]')).toBe('Nothing waits for approval.');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the answer API needs the dashboard header and a pending id', async () => {
    const p = queue.open({ sessionId: 's-3', principal: { type: 'User', id: 'pat' }, tool: 't', args: {} });
    const post = (path: string, headers: Record<string, string> = { 'x-rampart-dashboard': '1' }) =>
      fetch(`${base}${path}`, { method: 'POST', headers });
    expect((await post(`/api/dashboard/approvals/${p.id}/approve`, {})).status).toBe(403);
    expect((await post('/api/dashboard/approvals/no-such-id/approve')).status).toBe(404);
    expect((await post(`/api/dashboard/approvals/${p.id}/maybe`)).status).toBe(404);
    expect(queue.get(p.id)?.id).toBe(p.id); // still pending
    const ok = await post(`/api/dashboard/approvals/${p.id}/deny`);
    expect(await ok.json()).toEqual({ id: p.id, approved: false });
    await expect(p.result).resolves.toMatchObject({ approved: false });
    const list = (await (await fetch(`${base}/api/dashboard/approvals`)).json()) as { enabled: boolean };
    expect(list).toEqual({ enabled: true, pending: [] });
  });

  it('without a queue the page says so; the routes sit behind the dashboard guard', async () => {
    const refuse = createMiddleware(async (c, next) =>
      c.req.header('authorization') === 'Basic ok' ? next() : c.text('authentication required', 401),
    );
    const guarded = new Hono();
    guarded.route(
      '/',
      dashboardRoutes({
        feed: createDecisionFeed(),
        upstreamHealth: () => [],
        approvals: queue,
        guard: refuse,
      }),
    );
    const bare = new Hono();
    bare.route('/', dashboardRoutes({ feed: createDecisionFeed(), upstreamHealth: () => [] }));
    const g = await listen(guarded);
    const b = await listen(bare);
    try {
      const p = queue.open({ sessionId: 's-4', principal: { type: 'User', id: 'pat' }, tool: 't', args: {} });
      const h = { 'x-rampart-dashboard': '1' };
      expect((await fetch(`${g.base}/api/dashboard/approvals`)).status).toBe(401);
      expect(
        (await fetch(`${g.base}/api/dashboard/approvals/${p.id}/approve`, { method: 'POST', headers: h }))
          .status,
      ).toBe(401);
      expect(queue.get(p.id)?.id).toBe(p.id); // still pending
      const ok = await fetch(`${g.base}/api/dashboard/approvals/${p.id}/approve`, {
        method: 'POST',
        headers: { ...h, authorization: 'Basic ok' },
      });
      expect(ok.status).toBe(200);
      await expect(p.result).resolves.toMatchObject({ approved: true });

      expect(await (await fetch(`${b.base}/api/dashboard/approvals`)).json()).toEqual({
        enabled: false,
        pending: [],
      });
      const page = await browser!.newPage();
      await page.goto(`${b.base}/`);
      await page.waitForSelector('body[data-approvals-loaded="true"]');
      expect(await page.textContent('[data-testid="approvals-empty"]')).toBe(
        'No approval queue on this gateway.',
      );
      expect(await page.locator('#approvals').isHidden()).toBe(true);
      await page.close();
    } finally {
      await close(g.server);
      await close(b.server);
    }
  }, 60_000);
});
