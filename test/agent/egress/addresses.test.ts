import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { classifyAddress, inCidrs, parseCidr, type Cidr } from '../../../src/agent/egress/addresses.js';
import { checkTarget, type CompiledPolicy } from '../../../src/agent/egress/target.js';
import { EgressPolicy } from '../../../src/agent/egress/policy.js';
import { EgressError } from '../../../src/agent/egress/errors.js';
import { redactUrl } from '../../../src/agent/egress/log.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.3.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['198.18.0.1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:2::1', 'benchmarking'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['::ffff:0:7f00:1', 'rfc6145'],
    ['::7f00:1', 'nonGlobal'],
  ])('%s is blocked as %s', (addr, range) => {
    expect(classifyAddress(addr)).toMatchObject({ range, blocked: true });
  });

  it('judges IPv4-mapped IPv6 as the IPv4 address it maps to', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toMatchObject({
      address: '127.0.0.1',
      family: 4,
      blocked: true,
    });
    expect(classifyAddress('::ffff:7f00:1')).toMatchObject({ address: '127.0.0.1', range: 'loopback' });
    expect(classifyAddress('[::ffff:a9fe:a9fe]')).toMatchObject({
      address: '169.254.169.254',
      blocked: true,
    });
    expect(classifyAddress('::ffff:8.8.8.8')).toMatchObject({ address: '8.8.8.8', blocked: false });
  });

  it('allows public unicast', () => {
    expect(classifyAddress('93.184.216.34')?.blocked).toBe(false);
    expect(classifyAddress('2606:4700::1111')?.blocked).toBe(false);
  });

  it('does not take non-canonical IPv4 text as an address (those must come from URL parsing)', () => {
    for (const s of ['0x7f.1', '2130706433', '0177.0.0.1', '127.1', 'localhost', '', '1.2.3.4.5']) {
      expect(classifyAddress(s)).toBeUndefined();
    }
  });

  it('parses CIDRs and matches IPv4-mapped addresses against IPv4 CIDRs', () => {
    const cidrs = ['127.0.0.1/32', 'fd00::/8', '10.1.2.3'].map((c) => parseCidr(c) as Cidr);
    expect(inCidrs('127.0.0.1', cidrs)).toBe(true);
    expect(inCidrs('::ffff:127.0.0.1', cidrs)).toBe(true);
    expect(inCidrs('127.0.0.2', cidrs)).toBe(false);
    expect(inCidrs('::1', cidrs)).toBe(false);
    expect(inCidrs('fd12::1', cidrs)).toBe(true);
    expect(inCidrs('10.1.2.3', cidrs)).toBe(true);
    for (const bad of ['127.0.0.1/33', '1.2.3.4/x', 'a/8', '1.2.3.4/8/9', '::/129'])
      expect(parseCidr(bad)).toBeUndefined();
  });
});

describe('classifier agrees with ipaddr.js range() (property)', () => {
  it('IPv4: blocked exactly when range() is not unicast', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (octets) => {
        const text = octets.join('.');
        const expected = ipaddr.IPv4.parse(text).range();
        const got = classifyAddress(text)!;
        expect(got.range).toBe(expected);
        expect(got.blocked).toBe(expected !== 'unicast');
      }),
      { numRuns: 2000 },
    );
  });

  // Bias the first hextet toward the special prefixes so every named range is actually exercised.
  const firstHextet = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }),
    fc.constantFrom(
      0,
      0x64,
      0x100,
      0x2001,
      0x2002,
      0x2620,
      0x3fff,
      0x5f00,
      0xfc00,
      0xfd00,
      0xfe80,
      0xfec0,
      0xff02,
    ),
  );
  const hextets = fc.tuple(
    firstHextet,
    fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 0xffff)), {
      minLength: 7,
      maxLength: 7,
    }),
  );

  it('IPv6: a named blocked range is always blocked under its name; unicast is allowed only in 2000::/3', () => {
    fc.assert(
      fc.property(hextets, ([h0, rest]) => {
        const a = new ipaddr.IPv6([h0, ...rest]);
        const text = a.toString();
        const got = classifyAddress(text)!;
        const expected = a.range();
        if (expected === 'ipv4Mapped') {
          const v4 = a.toIPv4Address().range();
          expect(got.range).toBe(v4);
          expect(got.blocked).toBe(v4 !== 'unicast');
        } else if (expected !== 'unicast') {
          expect(got.range).toBe(expected);
          expect(got.blocked).toBe(true);
        } else {
          expect(got.blocked).toBe(h0 >> 13 !== 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const c = classifyAddress(s);
        // An address it accepts is classified again, the same way, from its canonical text.
        if (c) expect(classifyAddress(c.address)).toEqual(c);
        const cidr = parseCidr(s);
        if (cidr) {
          const [net, bits] = cidr;
          expect(bits).toBeGreaterThanOrEqual(0);
          expect(bits).toBeLessThanOrEqual(net.kind() === 'ipv4' ? 32 : 128);
        }
      }),
    );
  });
});

describe('URL checks never throw anything but EgressError on hostile URL strings (property)', () => {
  const p = EgressPolicy.parse({ schemes: ['http', 'https'] });
  const policy: CompiledPolicy = { ...p, cidrs: [] };
  const hostile = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.webUrl({
      withFragments: true,
      withQueryParameters: true,
      authoritySettings: {
        withUserInfo: true,
        withPort: true,
        withIPv4: true,
        withIPv6: true,
        withIPv4Extended: true,
      },
    }),
    fc
      .tuple(
        fc.constantFrom(
          'http://',
          'https://',
          'http:\\\\',
          'HTTP://',
          'http:/',
          '//',
          'http://[',
          'javascript:',
        ),
        fc.string({ maxLength: 80 }),
      )
      .map(([a, b]) => a + b),
  );
  it('checkTarget returns a target or throws EgressError', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        try {
          const t = checkTarget(s, policy);
          // Whatever passed has a public address if it is a literal, and no credentials.
          if (t.literal) expect(classifyAddress(t.literal)?.blocked).toBe(false);
          expect(t.url.username + t.url.password).toBe('');
        } catch (e) {
          expect(e).toBeInstanceOf(EgressError);
        }
        const logged = redactUrl(s);
        expect(logged.includes('?') ? logged : '').not.toMatch(/\?(?!#[0-9a-f]{12}$)/u);
      }),
      { numRuns: 2000 },
    );
  });
});
