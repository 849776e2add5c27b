// checkTarget / checkAddress: the URL-only checks, run on the first URL and on every redirect target.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, type Cidr } from '../../../src/agent/egress/addresses.js';
import { EgressError } from '../../../src/agent/egress/errors.js';
import { EgressPolicy, type EgressPolicyInput } from '../../../src/agent/egress/policy.js';
import { checkAddress, checkTarget, type CompiledPolicy } from '../../../src/agent/egress/target.js';

function compile(input: EgressPolicyInput = {}): CompiledPolicy {
  const p = EgressPolicy.parse(input);
  return { ...p, cidrs: p.allow_addresses.map((c) => parseCidr(c) as Cidr) };
}

/** The EgressError reason of a refused target. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EgressError);
    expect((e as EgressError).code).toBe('EGRESS_DENIED');
    return (e as EgressError).reason;
  }
  throw new Error('not refused');
}

describe('checkTarget', () => {
  it('returns the URL to request, without credentials or fragment, with host, port and no literal', () => {
    const t = checkTarget('https://user:pa55@API.Example.com./v1/x?q=1#frag', compile());
    expect(t.url.href).toBe('https://api.example.com./v1/x?q=1');
    expect(t).toMatchObject({ host: 'api.example.com', connectHost: 'api.example.com.', port: 443 });
    expect(t.credentialsStripped).toBe(true);
    expect(t.literal).toBeUndefined();
    expect(checkTarget('http://example.com/', compile({ schemes: ['http'] })).port).toBe(80);
  });

  it('credentials_in_url: deny refuses the URL instead', () => {
    expect(
      refusal(() => checkTarget('https://u:p@example.com/', compile({ credentials_in_url: 'deny' }))),
    ).toBe('credentials_in_url');
    expect(
      refusal(() => checkTarget('https://u@example.com/', compile({ credentials_in_url: 'deny' }))),
    ).toBe('credentials_in_url');
  });

  it('resolves a relative redirect against its base, and checks the result', () => {
    const base = new URL('https://a.example.com/dir/page');
    expect(checkTarget('../other', compile(), base).url.href).toBe('https://a.example.com/other');
    expect(refusal(() => checkTarget('//127.0.0.1/', compile(), base))).toBe('private_address');
    expect(refusal(() => checkTarget('http://a.example.com/', compile(), base))).toBe('scheme');
  });

  it('an IP literal is checked here, without DNS; an allowed private range passes with its literal set', () => {
    expect(refusal(() => checkTarget('https://[::1]/', compile()))).toBe('private_address');
    expect(refusal(() => checkTarget('https://[::ffff:10.0.0.1]/', compile()))).toBe('private_address');
    const allowed = compile({ allow_addresses: ['10.0.0.0/8'] });
    expect(checkTarget('https://10.1.2.3:443/', allowed)).toMatchObject({
      host: '10.1.2.3',
      connectHost: '10.1.2.3',
      literal: '10.1.2.3',
      port: 443,
    });
    expect(checkTarget('https://[::ffff:10.0.0.1]/', allowed).literal).toBe('10.0.0.1');
    expect(checkTarget('https://[2606:4700::1111]/', compile())).toMatchObject({
      connectHost: '2606:4700::1111',
      literal: '2606:4700::1111',
    });
  });

  it('refuses what is not a URL, or too long, with invalid_url', () => {
    for (const bad of ['', 'example.com', 'https://', `https://example.com/${'a'.repeat(17_000)}`])
      expect(
        refusal(() => checkTarget(bad, compile())),
        bad.slice(0, 30),
      ).toBe('invalid_url');
  });

  it('refuses with EgressError only, and what passes has no credentials and an allowed scheme and port (property)', () => {
    const policy = compile({ schemes: ['https', 'http'], allow_hosts: ['*.example.com', 'example.org'] });
    const near = fc
      .tuple(
        fc.constantFrom('http', 'https', 'ftp'),
        fc.constantFrom('', 'u:p@', 'u@', ':p@'),
        fc.stringMatching(/^[a-z0-9-]{0,6}$/u),
        fc.constantFrom('.example.com', 'example.com', '.example.org', 'example.org', '.example.com.evil'),
        fc.constantFrom('', ':80', ':443', ':8080', ':0'),
        fc.string({ maxLength: 20 }),
      )
      .map(([s, cred, l, d, port, path]) => `${s}://${cred}${l}${d}${port}/${path}`);
    let passed = 0;
    const urlish = fc.oneof(
      near,
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.string({ maxLength: 80 }),
      fc
        .tuple(fc.constantFrom('http://', 'https://', 'ftp://', '//'), fc.string({ maxLength: 40 }))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(urlish, (u) => {
        let t;
        try {
          t = checkTarget(u, policy);
        } catch (e) {
          expect(e).toBeInstanceOf(EgressError);
          return;
        }
        expect(t.url.username + t.url.password).toBe('');
        expect(t.url.hash).toBe('');
        expect(['https:', 'http:']).toContain(t.url.protocol);
        expect([80, 443]).toContain(t.port);
        expect(t.host === 'example.org' || t.host.endsWith('.example.com')).toBe(true);
        passed++;
      }),
      { numRuns: 1000 },
    );
    expect(passed).toBeGreaterThan(5); // the accepting path ran too
  });
});

describe('checkAddress', () => {
  it('passes public unicast, refuses private ranges unless allowed, and refuses non-addresses', () => {
    expect(checkAddress('93.184.216.34', 'example.com', compile())).toBeUndefined();
    for (const a of ['127.0.0.1', '10.0.0.1', '169.254.169.254', '::1', 'fe80::1', 'fc00::1', '0.0.0.0'])
      expect(
        refusal(() => checkAddress(a, 'h', compile())),
        a,
      ).toBe('private_address');
    expect(checkAddress('10.0.0.1', 'h', compile({ allow_addresses: ['10.0.0.0/24'] }))).toBeUndefined();
    expect(refusal(() => checkAddress('10.0.1.1', 'h', compile({ allow_addresses: ['10.0.0.0/24'] })))).toBe(
      'private_address',
    );
    expect(refusal(() => checkAddress('not-an-ip', 'h', compile()))).toBe('dns_failed');
  });
});
