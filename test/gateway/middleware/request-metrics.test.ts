import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { badRequest, errorInitFor, errorResponse } from '../../../src/gateway/http-errors.js';
import { requestMetrics } from '../../../src/gateway/middleware/request-metrics.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';

/** The request counter's value per route and status, from the Prometheus text. */
async function counted(metrics: ReturnType<typeof createMetrics>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of (await metrics.render()).matchAll(
    /^rampart_requests_total\{[^}]*route="(\w+)"[^}]*status="(\d+)"[^}]*\} (\d+)/gmu,
  ))
    out[`${m[1]} ${m[2]}`] = Number(m[3]);
  return out;
}

function app() {
  const metrics = createMetrics();
  const a = new Hono<GatewayEnv>();
  a.onError((err) => errorResponse(errorInitFor(err)));
  let finish: ((status: number) => void) | undefined;
  a.get('/ok', requestMetrics({ metrics }, 'ok'), (c) => c.json({}, 201));
  a.get('/bad', requestMetrics({ metrics }, 'bad'), () => {
    throw badRequest('no', 'x');
  });
  a.get('/stream', requestMetrics({ metrics }, 'stream'), (c) => {
    finish = c.get('deferCount')();
    return c.text('streaming');
  });
  a.get('/stream-then-throw', requestMetrics({ metrics }, 'late'), (c) => {
    c.get('deferCount')();
    throw badRequest('no', 'x');
  });
  return { a, metrics, finish: (s: number) => finish!(s) };
}

describe('requestMetrics', () => {
  it('counts each request once with the status it was answered with, an error as mapped', async () => {
    const { a, metrics } = app();
    expect((await a.request('/ok')).status).toBe(201);
    expect((await a.request('/bad')).status).toBe(400);
    expect(await counted(metrics)).toEqual({ 'ok 201': 1, 'bad 400': 1 });
  });

  it('a deferred count waits for the stream to end and takes its status', async () => {
    const { a, metrics, finish } = app();
    expect((await a.request('/stream')).status).toBe(200);
    expect(await counted(metrics)).toEqual({});
    finish(502);
    expect(await counted(metrics)).toEqual({ 'stream 502': 1 });
  });

  it('a handler that deferred and then threw is counted at once with its error', async () => {
    const { a, metrics } = app();
    expect((await a.request('/stream-then-throw')).status).toBe(400);
    expect(await counted(metrics)).toEqual({ 'late 400': 1 });
  });
});
