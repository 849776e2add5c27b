// The agent layer's local HTTP servers: a Host header that does not name the listening address is refused
// before the handler runs (DNS rebinding), a throwing handler is a 500, a busy port is a clear CONFIG_INVALID.
import type { ServerResponse } from 'node:http';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedHostHeaders, listenLocal, type LocalHttpServer } from '../../src/agent/local-http.js';

const reply = (res: ServerResponse, status: number, message: string) => res.writeHead(status).end(message);

function get(origin: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = request(
      { host: url.hostname, port: url.port, path: '/', headers: host ? { host } : {} },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let servers: LocalHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('listenLocal', () => {
  it('serves requests naming its address, refuses other Host headers before the handler runs', async () => {
    let calls = 0;
    const s = await listenLocal(
      async (_req, res) => {
        calls++;
        res.end('ok');
      },
      { host: '127.0.0.1', what: 'test API', reply },
    );
    servers.push(s);
    const port = new URL(s.origin).port;
    expect(await get(s.origin)).toEqual({ status: 200, body: 'ok' });
    expect(await get(s.origin, `localhost:${port}`)).toEqual({ status: 200, body: 'ok' });
    expect(await get(s.origin, `evil.example:${port}`)).toEqual({ status: 403, body: 'host not allowed' });
    expect(await get(s.origin, '127.0.0.1:1')).toMatchObject({ status: 403 });
    expect(calls).toBe(2);
  });

  it('answers 500 in the server format when the handler throws', async () => {
    const s = await listenLocal(
      async () => {
        throw new Error('boom with a secret sk-123');
      },
      { host: '127.0.0.1', what: 'test API', reply },
    );
    servers.push(s);
    expect(await get(s.origin)).toEqual({ status: 500, body: 'internal error' });
  });

  it('names the server when the port is taken', async () => {
    const s = await listenLocal(async (_q, r) => void r.end(), { host: '127.0.0.1', what: 'first', reply });
    servers.push(s);
    const port = Number(new URL(s.origin).port);
    await expect(
      listenLocal(async (_q, r) => void r.end(), { host: '127.0.0.1', port, what: 'approval API', reply }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('approval API cannot listen'),
    });
  });
});

describe('allowedHostHeaders', () => {
  it('accepts the loopback names for a loopback address, and only the exact address otherwise', () => {
    expect([...allowedHostHeaders('::1', 80)].sort()).toEqual(['127.0.0.1:80', '[::1]:80', 'localhost:80']);
    expect([...allowedHostHeaders('10.0.0.5', 8080)]).toEqual(['10.0.0.5:8080']);
  });
});
