import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/gateway/gateway.js';
import { inProcessGateway, LOOPBACK } from '../fixtures/in-process.js';

let gw: Gateway;
let key: string;
beforeAll(async () => {
  const made = await inProcessGateway({ withKey: true });
  gw = made.gw;
  key = made.key!;
});
afterAll(async () => {
  await gw?.close();
});

describe('models route', () => {
  it('lists the models to a caller with a key, and refuses one without', async () => {
    const res = await gw.app.request(`${LOOPBACK}/v1/models`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { object: string; data: Array<{ id: string }> };
    expect(list.object).toBe('list');
    expect(list.data.map((m) => m.id)).toContain('rampart-local');
    expect((await gw.app.request(`${LOOPBACK}/v1/models`)).status).toBe(401);
  });
});
