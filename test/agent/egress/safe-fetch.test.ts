// safeFetch against real HTTP servers on 127.0.0.1 / ::1. Other names resolve only through injected
// resolvers, so no traffic leaves the machine; "without connecting" is asserted by the target server's
// request log where a target server can exist.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSafeFetch,
  EgressError,
  type EgressEvent,
  type EgressPolicyInput,
  type Resolver,
} from '../../../src/agent/egress/index.js';
import { ok, startPair, startServer, type LocalServer } from './local-server.js';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(...args: Parameters<typeof startServer>) {
  const s = await startServer(...args);
  servers.push(s);
  return s;
}

/** Maps names to addresses and records every lookup. */
function mapResolver(table: Record<string, string>) {
  const calls: string[] = [];
  const resolver: Resolver = async (host) => {
    calls.push(host);
    const address = table[host];
    if (!address) throw new Error(`unknown host ${host}`);
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return { resolver, calls };
}

function local(port: number, extra: Partial<EgressPolicyInput> = {}): EgressPolicyInput {
  return { schemes: ['http'], allow_addresses: ['127.0.0.1/32'], ports: [port], ...extra };
}

async function failure(p: Promise<unknown>): Promise<EgressError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EgressError);
  return e as EgressError;
}

const redirectTo =
  (location: string, status = 302) =>
  (_req: unknown, res: ServerResponse) => {
    res.writeHead(status, { location });
    res.end();
  };

describe('allowed requests', () => {
  it('fetches from an allowed local server, pinning the checked address and logging without the query', async () => {
    const s = await server((_req, res) => res.end('hello'));
    const { resolver, calls } = mapResolver({ 'api.test': '127.0.0.1' });
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(local(s.port), { resolver, log: (e) => events.push(e) });
    const res = await fetch(`http://api.test:${s.port}/path?exfil=SECRETDATA`);
    expect(res).toMatchObject({
      status: 200,
      body: 'hello',
      redirects: [],
      url: `http://api.test:${s.port}/path?exfil=SECRETDATA`,
    });
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0]).toMatchObject({ method: 'GET', url: '/path?exfil=SECRETDATA' });
    expect(s.seen[0]!.headers.host).toBe(`api.test:${s.port}`);
    expect(s.seen[0]!.headers['accept-encoding']).toBe('identity');
    expect(calls).toEqual(['api.test']);
    expect(events).toEqual([
      expect.objectContaining({
        decision: 'allow',
        host: 'api.test',
        address: '127.0.0.1',
        status: 200,
        bytes: 5,
        hop: 0,
      }),
    ]);
    expect(events[0]!.url).toMatch(new RegExp(`^http://api\\.test:${s.port}/path\\?#[0-9a-f]{12}$`));
    expect(JSON.stringify(events)).not.toContain('SECRETDATA');
    expect(JSON.stringify(events)).not.toContain('hello');
  });

  it('returns raw bytes with responseType buffer, and sends an allowed POST body', async () => {
    const s = await server((_req, res) => res.end(Buffer.from([0, 1, 2, 255])));
    const fetch = createSafeFetch(local(s.port, { methods: ['GET', 'POST'] }));
    const res = await fetch(`http://127.0.0.1:${s.port}/`, {
      method: 'post',
      body: 'a=1',
      headers: { 'Content-Type': 'text/plain', Host: 'evil.test', 'Accept-Encoding': 'gzip' },
      responseType: 'buffer',
    });
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect([...res.body]).toEqual([0, 1, 2, 255]);
    expect(s.seen[0]).toMatchObject({ method: 'POST', body: 'a=1' });
    // Host and Accept-Encoding are ours, whatever the caller passes.
    expect(s.seen[0]!.headers.host).toBe(`127.0.0.1:${s.port}`);
    expect(s.seen[0]!.headers['accept-encoding']).toBe('identity');
  });

  it('allow_addresses covers the IPv4-mapped IPv6 form of an allowed address, and nothing next to it', async () => {
    const s = await server(ok);
    const fetch = createSafeFetch(local(s.port));
    expect((await fetch(`http://[::ffff:127.0.0.1]:${s.port}/`)).body).toBe('ok');
    expect((await failure(fetch(`http://127.0.0.2:${s.port}/`))).reason).toBe('private_address');
    expect(s.seen).toHaveLength(1);
  });

  it('strips credentials from the URL, sends no Authorization, and logs that it stripped them', async () => {
    const s = await server(ok);
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(local(s.port), { log: (e) => events.push(e) });
    const res = await fetch(`http://admin:hunter2@127.0.0.1:${s.port}/`);
    expect(res.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect(s.seen[0]!.headers.authorization).toBeUndefined();
    expect(events[0]).toMatchObject({ decision: 'allow', credentials_stripped: true });
    expect(JSON.stringify(events)).not.toMatch(/hunter2|admin/u);
  });
});

describe('blocked destinations', () => {
  it('blocks loopback by default, before connecting', async () => {
    const s = await server(ok);
    const { resolver } = mapResolver({ localhost: '127.0.0.1' });
    const fetch = createSafeFetch({ schemes: ['http'], ports: [s.port] }, { resolver });
    expect((await failure(fetch(`http://127.0.0.1:${s.port}/`))).reason).toBe('private_address');
    expect((await failure(fetch(`http://localhost:${s.port}/`))).reason).toBe('private_address');
    expect((await failure(fetch(`http://[::ffff:7f00:1]:${s.port}/`))).reason).toBe('private_address');
    expect(s.seen).toHaveLength(0);
  });

  it('refuses a redirect to cloud metadata', async () => {
    const s = await server(redirectTo('http://169.254.169.254/latest/meta-data/iam/'));
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(local(s.port, { ports: [80, s.port] }), { log: (e) => events.push(e) });
    const e = await failure(fetch(`http://127.0.0.1:${s.port}/start`));
    expect(e).toMatchObject({
      code: 'EGRESS_DENIED',
      reason: 'redirect_to_denied',
      redirectReason: 'private_address',
    });
    expect(s.seen).toHaveLength(1);
    expect(events.map((x) => [x.hop, x.decision, x.reason ?? x.status])).toEqual([
      [0, 'allow', 302],
      [1, 'deny', 'redirect_to_denied'],
    ]);
    expect(events[1]!.url).toBe('http://169.254.169.254/latest/meta-data/iam/');
  });

  it('refuses a redirect to [::1] when only 127.0.0.1 is allowed; the ::1 server gets nothing', async () => {
    const { v4, v6 } = await startPair(
      (_req, res) => redirectTo(`http://[::1]:${v4Port()}/internal`)(_req, res),
      ok,
    );
    servers.push(v4, v6);
    const v4Port = () => v4.port;
    const fetch = createSafeFetch(local(v4.port));
    const e = await failure(fetch(`http://127.0.0.1:${v4.port}/`));
    expect(e).toMatchObject({ reason: 'redirect_to_denied', redirectReason: 'private_address' });
    expect(v4.seen).toHaveLength(1);
    expect(v6.seen).toHaveLength(0);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const s = await server((_req, res) => redirectTo(`http://internal.test:${s.port}/admin`)(_req, res));
    const { resolver, calls } = mapResolver({ 'public.test': '127.0.0.1', 'internal.test': '10.0.0.5' });
    const fetch = createSafeFetch(local(s.port), { resolver });
    const e = await failure(fetch(`http://public.test:${s.port}/`));
    expect(e).toMatchObject({ reason: 'redirect_to_denied', redirectReason: 'private_address' });
    expect(e.message).toContain('10.0.0.5');
    expect(calls).toEqual(['public.test', 'internal.test']);
    expect(s.seen.map((r) => r.url)).toEqual(['/']);
  });

  it('refuses a redirect to a scheme or host outside the policy', async () => {
    const s = await server((req, res) =>
      redirectTo(req.url === '/a' ? 'file:///etc/passwd' : `http://denied.test:${s.port}/`)(req, res),
    );
    const { resolver } = mapResolver({ 'denied.test': '127.0.0.1' });
    const fetch = createSafeFetch(local(s.port, { deny_hosts: ['denied.test'] }), { resolver });
    expect(await failure(fetch(`http://127.0.0.1:${s.port}/a`))).toMatchObject({ redirectReason: 'scheme' });
    expect(await failure(fetch(`http://127.0.0.1:${s.port}/b`))).toMatchObject({
      redirectReason: 'host_denied',
    });
    expect(s.seen).toHaveLength(2);
  });
});

describe('DNS rebinding', () => {
  // The resolver answers the allowed 127.0.0.1 first and the disallowed ::1 on every later call, and a
  // server listens on BOTH addresses with the same port: a second lookup at connect time would land on
  // ::1 and show up in v6.seen (and the lookup count); any lookup outside the resolver would fail.
  function rebinding() {
    const calls: string[] = [];
    const resolver: Resolver = async (host) => {
      calls.push(host);
      return calls.length === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '::1', family: 6 }];
    };
    return { resolver, calls };
  }

  it('connects to the pinned, checked address; a later answer is never used', async () => {
    const { v4, v6 } = await startPair(
      (_req, res) => res.end('v4'),
      (_req, res) => res.end('v6'),
    );
    servers.push(v4, v6);
    const { resolver, calls } = rebinding();
    const fetch = createSafeFetch(local(v4.port), { resolver });
    const res = await fetch(`http://rebind.test:${v4.port}/`);
    expect(res.body).toBe('v4');
    expect(calls).toEqual(['rebind.test']);
    expect(v4.seen).toHaveLength(1);
    expect(v6.seen).toHaveLength(0);
  });

  it('re-checks the name on a redirect hop, and refuses when it now points at loopback', async () => {
    const { v4, v6 } = await startPair(redirectTo('/second'), (_req, res) => res.end('v6'));
    servers.push(v4, v6);
    const { resolver, calls } = rebinding();
    const fetch = createSafeFetch(local(v4.port), { resolver });
    const e = await failure(fetch(`http://rebind.test:${v4.port}/first`));
    expect(e).toMatchObject({ reason: 'redirect_to_denied', redirectReason: 'private_address' });
    expect(calls).toEqual(['rebind.test', 'rebind.test']);
    expect(v4.seen.map((r) => r.url)).toEqual(['/first']);
    expect(v6.seen).toHaveLength(0);
  });
});

describe('redirect handling', () => {
  it('follows redirects, reporting each target, and turns 303 into a GET without the body', async () => {
    const s = await server((req, res) => {
      if (req.url === '/a') return redirectTo('/b', 307)(req, res);
      if (req.url === '/b') return redirectTo('/c', 303)(req, res);
      res.end('done');
    });
    const fetch = createSafeFetch(local(s.port, { methods: ['GET', 'POST'] }));
    const res = await fetch(`http://127.0.0.1:${s.port}/a`, {
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.body).toBe('done');
    expect(res.redirects).toEqual([`http://127.0.0.1:${s.port}/b`, `http://127.0.0.1:${s.port}/c`]);
    expect(res.url).toBe(`http://127.0.0.1:${s.port}/c`);
    expect(s.seen.map((r) => [r.url, r.method, r.body])).toEqual([
      ['/a', 'POST', 'payload'],
      ['/b', 'POST', 'payload'],
      ['/c', 'GET', ''],
    ]);
    expect(s.seen[2]!.headers['content-type']).toBeUndefined();
  });

  it('drops Authorization and Cookie when a redirect changes origin, keeps them on the same origin', async () => {
    const s = await server((req, res) => {
      if (req.url === '/same') return redirectTo('/cross')(req, res);
      if (req.url === '/cross') return redirectTo(`http://b.test:${s.port}/final`)(req, res);
      res.end('ok');
    });
    const { resolver } = mapResolver({ 'a.test': '127.0.0.1', 'b.test': '127.0.0.1' });
    const fetch = createSafeFetch(local(s.port), { resolver });
    await fetch(`http://a.test:${s.port}/same`, {
      headers: { Authorization: 'Bearer t0ken', Cookie: 'sid=1', 'X-Keep': 'y' },
    });
    expect(
      s.seen.map((r) => [r.url, r.headers.authorization, r.headers.cookie, r.headers['x-keep']]),
    ).toEqual([
      ['/same', 'Bearer t0ken', 'sid=1', 'y'],
      ['/cross', 'Bearer t0ken', 'sid=1', 'y'],
      ['/final', undefined, undefined, 'y'],
    ]);
  });

  it('a redirect loop ends in EGRESS_LIMIT redirects', async () => {
    const s = await server(redirectTo('/loop', 301));
    const fetch = createSafeFetch(local(s.port, { max_redirects: 3 }));
    const e = await failure(fetch(`http://127.0.0.1:${s.port}/loop`));
    expect(e).toMatchObject({ code: 'EGRESS_LIMIT', reason: 'redirects' });
    expect(s.seen).toHaveLength(4);
  });
});

describe('limits', () => {
  it('aborts a streamed body larger than max_response_bytes', async () => {
    let written = 0;
    let closed!: () => void;
    const streamClosed = new Promise<void>((r) => (closed = r));
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 97);
      const pump = () => {
        // Would send 64 MiB if the client kept reading.
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => closed());
      pump();
    });
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(local(s.port, { max_response_bytes: 100_000 }), {
      log: (e) => events.push(e),
    });
    const e = await failure(fetch(`http://127.0.0.1:${s.port}/big`));
    expect(e).toMatchObject({ code: 'EGRESS_LIMIT', reason: 'size' });
    await streamClosed;
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(events.at(-1)).toMatchObject({ decision: 'limit', reason: 'size' });
  });

  it('refuses a declared Content-Length over the limit before reading it', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('x');
    });
    const fetch = createSafeFetch(local(s.port, { max_response_bytes: 1000 }));
    expect(await failure(fetch(`http://127.0.0.1:${s.port}/`))).toMatchObject({
      code: 'EGRESS_LIMIT',
      reason: 'size',
    });
  });

  it('refuses a request body over max_request_bytes without connecting', async () => {
    const s = await server(ok);
    const fetch = createSafeFetch(local(s.port, { methods: ['POST'], max_request_bytes: 10 }));
    expect(
      await failure(fetch(`http://127.0.0.1:${s.port}/`, { method: 'POST', body: 'x'.repeat(11) })),
    ).toMatchObject({
      code: 'EGRESS_LIMIT',
      reason: 'size',
    });
    expect(s.seen).toHaveLength(0);
  });

  it('a refused connection is logged as an error, not EGRESS_DENIED', async () => {
    const s = await server(ok);
    const port = s.port;
    await s.close();
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(local(port), { log: (e) => events.push(e) });
    const e = await fetch(`http://127.0.0.1:${port}/`).catch((x: unknown) => x);
    expect(e).not.toBeInstanceOf(EgressError);
    expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(events).toEqual([
      expect.objectContaining({ decision: 'error', error: 'UPSTREAM_UNAVAILABLE', address: '127.0.0.1' }),
    ]);
  });

  it('a server that never answers ends in EGRESS_LIMIT time', async () => {
    const s = await server(() => undefined);
    const fetch = createSafeFetch(local(s.port, { timeout_ms: 150 }));
    expect(await failure(fetch(`http://127.0.0.1:${s.port}/`))).toMatchObject({
      code: 'EGRESS_LIMIT',
      reason: 'time',
    });
  });

  it('the deadline covers the body: a server that trickles it ends in EGRESS_LIMIT time', async () => {
    const timers: NodeJS.Timeout[] = [];
    const s = await server((_req, res) => {
      res.writeHead(200);
      timers.push(setInterval(() => res.write('.'), 20));
      res.on('close', () => timers.forEach(clearInterval));
    });
    const fetch = createSafeFetch(local(s.port, { timeout_ms: 200 }));
    expect(await failure(fetch(`http://127.0.0.1:${s.port}/`))).toMatchObject({
      code: 'EGRESS_LIMIT',
      reason: 'time',
    });
    timers.forEach(clearInterval);
  });

  it('the deadline covers DNS: a resolver that hangs ends in EGRESS_LIMIT time', async () => {
    const fetch = createSafeFetch(local(8080, { timeout_ms: 100 }), {
      resolver: () => new Promise(() => undefined),
    });
    expect(await failure(fetch('http://slow-dns.test:8080/'))).toMatchObject({
      code: 'EGRESS_LIMIT',
      reason: 'time',
    });
  });
});
