// GET /api/dashboard/stream over a real HTTP server: entries arrive as SSE, connections are bounded,
// and a closed viewer frees its slot and its feed subscription.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/gateway/routes/dashboard.js';
import { createDecisionFeed, type DecisionFeed, type FeedEntry } from '../../src/telemetry/decision-feed.js';

const entry = (id: string): FeedEntry => ({
  id,
  ts: 1,
  route: '/v1/chat/completions',
  model: 'm',
  stage: 'input',
  action: 'block',
  categories: ['prompt_injection.override'],
  scannerMs: { 'injection-rules': 2 },
  latencyMs: 3,
  status: 403,
});

/** Reads SSE events (event name + data) from a fetch body until `count` have arrived. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
): Promise<Array<{ event: string; data: string }>> {
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: string }> = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      if (event) events.push({ event, data });
    }
  }
  return events;
}

describe('GET /api/dashboard/stream', () => {
  let server: Server | undefined;

  afterEach(async () => {
    // Streams the client cancelled stay open on the server until it next writes; don't wait for them.
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function start(feed: DecisionFeed, maxStreams: number): Promise<string> {
    const app = dashboardRoutes({ feed, upstreamHealth: () => [], maxStreams, now: () => 7 });
    await new Promise<void>((resolve) => {
      // serve() without createServer options returns a node:http Server.
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve()) as Server;
    });
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  it('pushes each recorded entry as a decision event', async () => {
    const feed = createDecisionFeed();
    const base = await start(feed, 4);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/dashboard/stream`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = res.body!.getReader();
    expect(await readEvents(reader, 1)).toEqual([{ event: 'hello', data: '{"serverTime":7}' }]);
    feed.record(entry('a'));
    feed.record(entry('b'));
    const events = await readEvents(reader, 2);
    expect(events.map((e) => e.event)).toEqual(['decision', 'decision']);
    expect(events.map((e) => (JSON.parse(e.data) as FeedEntry).id)).toEqual(['a', 'b']);
    controller.abort();
  });

  it('refuses streams past the limit and frees the slot when a viewer disconnects', async () => {
    const feed = createDecisionFeed();
    const base = await start(feed, 1);
    const first = new AbortController();
    const res = await fetch(`${base}/api/dashboard/stream`, { signal: first.signal });
    await readEvents(res.body!.getReader(), 1);

    const refused = await fetch(`${base}/api/dashboard/stream`);
    expect(refused.status).toBe(503);
    await refused.body?.cancel();

    // No entry is recorded after the disconnect: the server must notice it without writing.
    first.abort();
    await expect
      .poll(async () => {
        const again = await fetch(`${base}/api/dashboard/stream`);
        await again.body?.cancel();
        return again.status;
      })
      .toBe(200);
  });
});
