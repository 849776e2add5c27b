// URL-level checks through the real safeFetch. No connection can happen here: every name goes to an
// injected resolver that records the call and fails, and every IP literal tested is blocked.
import { describe, expect, it } from 'vitest';
import {
  createSafeFetch,
  EgressError,
  EgressPolicy,
  type EgressEvent,
} from '../../../src/agent/egress/index.js';
import { RampartError } from '../../../src/core/errors.js';

function setup(policy: Parameters<typeof createSafeFetch>[0]) {
  const resolved: string[] = [];
  const events: EgressEvent[] = [];
  const fetch = createSafeFetch(policy, {
    resolver: async (host) => {
      resolved.push(host);
      throw new Error('no DNS in this test');
    },
    log: (e) => events.push(e),
  });
  return { fetch, resolved, events };
}

async function reason(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EgressError);
  return (e as EgressError).reason;
}

describe('policy schema', () => {
  it('has closed defaults', () => {
    expect(EgressPolicy.parse({})).toMatchObject({
      allow_hosts: [],
      deny_hosts: [],
      schemes: ['https'],
      allow_addresses: [],
      ports: [80, 443],
      methods: ['GET', 'HEAD'],
      max_response_bytes: 5 * 1024 * 1024,
      timeout_ms: 10_000,
      max_redirects: 5,
      credentials_in_url: 'strip',
    });
  });

  it('rejects bad config with CONFIG_INVALID', () => {
    for (const bad of [
      { allow_addresses: ['10.0.0.0/33'] },
      { schemes: ['ftp'] },
      { allow_hosts: ['ex*ample.com'] },
      { unknown_key: 1 },
      { ports: [0] },
    ]) {
      expect(() => createSafeFetch(bad as never)).toThrow(RampartError);
      try {
        createSafeFetch(bad as never);
      } catch (e) {
        expect((e as RampartError).code).toBe('CONFIG_INVALID');
      }
    }
  });
});

describe('URL checks', () => {
  it('refuses schemes outside the policy', async () => {
    const { fetch, resolved } = setup({});
    for (const u of [
      'http://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:,x',
      'gopher://x/',
    ]) {
      expect(await reason(fetch(u))).toBe('scheme');
    }
    expect(resolved).toEqual([]);
  });

  it('refuses ports outside the policy', async () => {
    const { fetch } = setup({});
    expect(await reason(fetch('https://example.com:8443/'))).toBe('port');
    expect(await reason(fetch('https://example.com:22/'))).toBe('port');
  });

  it('refuses methods outside the policy (GET/HEAD by default)', async () => {
    const { fetch, resolved } = setup({});
    expect(await reason(fetch('https://example.com/', { method: 'POST', body: 'data' }))).toBe('method');
    expect(resolved).toEqual([]);
  });

  it('denylist beats allowlist', async () => {
    const { fetch, resolved } = setup({ allow_hosts: ['*.example.com'], deny_hosts: ['evil.example.com'] });
    expect(await reason(fetch('https://evil.example.com/'))).toBe('host_denied');
    expect(await reason(fetch('https://EVIL.example.com./x'))).toBe('host_denied');
    expect(resolved).toEqual([]);
  });

  it('wildcards match subdomains at any depth, not the apex or look-alikes', async () => {
    const { fetch, resolved } = setup({ allow_hosts: ['*.example.com', 'exact.org'] });
    // Passing the host checks means reaching the (failing) resolver: dns_failed.
    for (const u of [
      'https://a.example.com/',
      'https://a.b.example.com/',
      'https://A.EXAMPLE.COM./',
      'https://exact.org/',
    ]) {
      expect(await reason(fetch(u))).toBe('dns_failed');
    }
    for (const u of [
      'https://example.com/',
      'https://badexample.com/',
      'https://example.com.evil.net/',
      'https://www.exact.org/',
      'https://a.example.co/',
    ]) {
      expect(await reason(fetch(u))).toBe('host_not_allowed');
    }
    expect(resolved).toEqual(['a.example.com', 'a.b.example.com', 'a.example.com', 'exact.org']);
  });

  it('refuses numeric IPv4 tricks after URL normalization, without DNS', async () => {
    const { fetch, resolved } = setup({ schemes: ['http'] });
    for (const u of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://0177.1/',
      'http://127.1/',
      'http://127.0.0.1./',
      'http://%31%32%37.0.0.1/',
      'http://１２７.０.０.１/',
      'http://0/',
      'http://0.0.0.0/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0xa9fea9fe/',
      'http://2852039166/',
      'http://10.0.0.5/',
      'http://100.64.0.1/',
    ]) {
      expect({ u, r: await reason(fetch(u)) }).toEqual({ u, r: 'private_address' });
    }
    expect(resolved).toEqual([]);
  });

  it('refuses IPv6 loopback, metadata and IPv4-mapped/-translated forms', async () => {
    const { fetch, resolved } = setup({ schemes: ['http'] });
    for (const u of [
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[0:0:0:0:0:ffff:7f00:0001]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:7f00:1::]/',
      'http://[::127.0.0.1]/',
    ]) {
      expect({ u, r: await reason(fetch(u)) }).toEqual({ u, r: 'private_address' });
    }
    expect(resolved).toEqual([]);
  });

  it('refuses a name whose resolution includes any blocked address', async () => {
    const events: EgressEvent[] = [];
    const fetch = createSafeFetch(
      {},
      {
        resolver: async () => [
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.5', family: 4 },
        ],
        log: (e) => events.push(e),
      },
    );
    expect(await reason(fetch('https://mixed.test/?token=s3cret'))).toBe('private_address');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      decision: 'deny',
      reason: 'private_address',
      host: 'mixed.test',
      hop: 0,
    });
    expect(JSON.stringify(events)).not.toContain('s3cret');
  });

  it('credentials in the URL: deny mode refuses before DNS', async () => {
    const { fetch, resolved, events } = setup({ credentials_in_url: 'deny' });
    expect(await reason(fetch('https://user:hunter2@example.com/'))).toBe('credentials_in_url');
    expect(resolved).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('invalid URLs are EGRESS_DENIED invalid_url, never a raw TypeError', async () => {
    const { fetch } = setup({});
    for (const u of ['not a url', '', 'https://', 'https://exa mple.com/', 'x'.repeat(20_000)]) {
      expect(await reason(fetch(u))).toBe('invalid_url');
    }
  });

  it('invalid headers are INPUT_INVALID', async () => {
    const { fetch } = setup({});
    const e = await fetch('https://example.com/', { headers: { 'x-a': 'v\r\nx-injected: 1' } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(RampartError);
    expect((e as RampartError).code).toBe('INPUT_INVALID');
    expect((e as Error).message).not.toContain('injected');
  });
});
