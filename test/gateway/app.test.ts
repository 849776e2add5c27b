// The app's table: middleware before the routes (key, in-flight limit, metrics), 405/404 answers, and routes
// that read the caller from the context instead of authenticating themselves.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/gateway.js';
import { inProcessGateway, LOOPBACK } from './fixtures/in-process.js';

let gw: Gateway;
beforeAll(async () => {
  ({ gw } = await inProcessGateway({ withKey: true }));
});
afterAll(async () => {
  await gw?.close();
});

const error = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('createApp', () => {
  it('answers a known path asked with another method 405 with Allow, and an unknown path 404', async () => {
    const res = await gw.app.request(`${LOOPBACK}/v1/chat/completions`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await error(res)).toBe('method_not_allowed');
    const missing = await gw.app.request(`${LOOPBACK}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await error(missing)).toBe('not_found');
  });

  it('counts a request refused by the key check under its route, once', async () => {
    const refused = await gw.app.request(`${LOOPBACK}/v1/models`);
    expect(refused.status).toBe(401);
    const metrics = await (await gw.app.request(`${LOOPBACK}/metrics`)).text();
    expect(metrics).toMatch(/^rampart_requests_total\{route="models",status="401"\} 1$/mu);
  });

  it('routes take the caller from the context: none authenticates or keys a side table by Context', () => {
    const dir = join(import.meta.dirname, '../../src/gateway/routes');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /\bauthenticate\(|WeakMap<Context/u.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
    expect(readFileSync(join(dir, '../app.ts'), 'utf8')).not.toMatch(/WeakMap|authenticate\(/u);
  });
});
