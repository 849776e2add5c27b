// The dashboard's guard on a real gateway context: open in keyless mode, Basic auth with keys, off without a
// password (fail closed), and another web origin refused in every mode.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../../src/gateway/config.js';
import { createGateway, type Gateway } from '../../../src/gateway/gateway.js';
import type { GatewayEnv } from '../../../src/gateway/env.js';
import { keyMode } from '../../../src/gateway/middleware/key-mode.js';
import { dashboardGuard } from '../../../src/gateway/routes/dashboard-auth.js';

const ENV = 'RAMPART_TEST_DASHBOARD_PASSWORD';
const PASSWORD = 'correct horse battery staple';
let gw: Gateway;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-dashauth-'));
  gw = await createGateway(
    parseGatewayConfig(
      `keys: { file: ${join(dir, 'keys.json')} }\naudit: { enabled: false }\nserver: { scan_workers: 0, admin_password_env: ${ENV} }`,
      't',
      dir,
    ),
  );
});
afterAll(async () => {
  await gw?.close();
});
afterEach(() => {
  delete process.env[ENV];
});

function app(keysRequired: boolean) {
  const a = new Hono<GatewayEnv>();
  a.use(
    '*',
    keyMode(() => Promise.resolve(keysRequired)),
    dashboardGuard(gw.context),
  );
  a.get('/api/dashboard', (c) => c.json({ ok: true }));
  return a;
}
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const get = (keysRequired: boolean, headers: Record<string, string> = {}) =>
  app(keysRequired).request('http://127.0.0.1:8787/api/dashboard', { headers });
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('dashboardGuard', () => {
  it('is open without keys, on the same origin or with no Origin at all', async () => {
    expect((await get(false)).status).toBe(200);
    expect((await get(false, { origin: 'http://127.0.0.1:8787' })).status).toBe(200);
  });

  it('refuses another origin, or an opaque one, in both modes', async () => {
    process.env[ENV] = PASSWORD;
    for (const keys of [false, true])
      for (const origin of ['https://evil.example', 'http://127.0.0.1:9999', 'null']) {
        const res = await get(keys, { origin, authorization: basic('admin', PASSWORD) });
        expect(res.status, `${keys} ${origin}`).toBe(403);
        expect(await errorCode(res)).toBe('origin_not_allowed');
      }
  });

  it('with keys and no password in the environment, the dashboard is off (403 dashboard_disabled)', async () => {
    const res = await get(true, { authorization: basic('admin', '') });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('dashboard_disabled');
    process.env[ENV] = '';
    expect(await errorCode(await get(true))).toBe('dashboard_disabled');
  });

  it('with keys and a password, asks for Basic auth and accepts only the password (any user name)', async () => {
    process.env[ENV] = PASSWORD;
    for (const authorization of [
      undefined,
      basic('admin', 'wrong'),
      basic('admin', `${PASSWORD} `),
      basic('admin', PASSWORD.slice(0, -1)),
      `Basic ${Buffer.from(PASSWORD).toString('base64')}`, // no "user:" part
      `Bearer ${PASSWORD}`,
      `basic ${Buffer.from(`a:${PASSWORD}`).toString('base64')}`,
      `Basic ${'A'.repeat(2000)}`,
    ]) {
      const res = await get(true, authorization === undefined ? {} : { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="rampart", charset="UTF-8"');
    }
    for (const user of ['admin', '', 'someone'])
      expect((await get(true, { authorization: basic(user, PASSWORD) })).status).toBe(200);
    // A password containing ':' is split at the first one only.
    process.env[ENV] = 'a:b:c';
    expect((await get(true, { authorization: basic('u', 'a:b:c') })).status).toBe(200);
  });
});
