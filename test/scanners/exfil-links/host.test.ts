import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalHost,
  compileAllowlist,
  hostInfo,
  isAllowedHost,
} from '../../../src/scanners/exfil-links/host.js';

describe('compileAllowlist and isAllowedHost', () => {
  const list = compileAllowlist([
    'example.com',
    'docs.partner.org',
    '*.cdn.vendor.net',
    'github.io',
    '*.co.uk',
    'bücher.de',
    '10.0.0.1',
    '[::1]',
    42,
    '',
    '  ',
  ]);

  it('a registrable domain allows itself and its subdomains, label-aligned only', () => {
    for (const h of ['example.com', 'www.example.com', 'a.b.example.com', 'EXAMPLE.COM.'])
      expect(isAllowedHost(h, list), h).toBe(true);
    for (const h of ['notexample.com', 'example.com.evil.io', 'example.co', 'xexample.com'])
      expect(isAllowedHost(h, list), h).toBe(false);
  });

  it('a subdomain entry is exact; a wildcard allows the name and what is below it', () => {
    expect(isAllowedHost('docs.partner.org', list)).toBe(true);
    expect(isAllowedHost('evil.docs.partner.org', list)).toBe(false);
    expect(isAllowedHost('partner.org', list)).toBe(false);
    expect(isAllowedHost('cdn.vendor.net', list)).toBe(true);
    expect(isAllowedHost('img.cdn.vendor.net', list)).toBe(true);
    expect(isAllowedHost('vendor.net', list)).toBe(false);
  });

  it('a public suffix (github.io, co.uk) never allows every site under it', () => {
    expect(isAllowedHost('attacker.github.io', list)).toBe(false);
    expect(isAllowedHost('evil.co.uk', list)).toBe(false);
    expect(compileAllowlist(['github.io', '*.co.uk', 'com']).suffixes).toEqual([]);
  });

  it('compares IDNs in punycode, so a look-alike is a different host', () => {
    expect(isAllowedHost(domainToASCII('bücher.de'), list)).toBe(true);
    expect(isAllowedHost(domainToASCII('www.bücher.de'), list)).toBe(true);
    expect(isAllowedHost(domainToASCII('exаmple.com'), list)).toBe(false); // Cyrillic а
  });

  it('IP addresses are exact only, IPv6 with or without brackets; junk entries are ignored', () => {
    expect(isAllowedHost('10.0.0.1', list)).toBe(true);
    expect(isAllowedHost('10.0.0.10', list)).toBe(false);
    expect(isAllowedHost('[::1]', list)).toBe(true);
    expect(list.exact.has('')).toBe(false);
  });

  it('an allowed host always equals an entry or ends with ".entry" (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,6}$/u);
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));
    fc.assert(
      fc.property(fc.array(host, { maxLength: 5 }), host, (entries, h) => {
        const l = compileAllowlist(entries);
        const ascii = entries.map((e) => domainToASCII(e)).filter((e) => e !== '');
        if (isAllowedHost(h, l)) expect(ascii.some((e) => h === e || h.endsWith(`.${e}`))).toBe(true);
        // Every entry allows itself (in the form URL parsing gives hosts: '0' is the address 0.0.0.0).
        for (const e of entries)
          expect(isAllowedHost(domainToASCII(e) || e, l)).toBe(domainToASCII(e) !== '');
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalHost and hostInfo', () => {
  it('canonicalHost lowercases and drops trailing dots', () => {
    expect(canonicalHost('WWW.Example.COM..')).toBe('www.example.com');
  });

  it('names only the registrable domain, never the subdomain labels that could carry data', () => {
    expect(hostInfo('c2vjcmv0.leak.attacker.example.co.uk')).toEqual({
      display: 'example.co.uk',
      isIp: false,
      isIdn: false,
      subdomainLabels: ['c2vjcmv0', 'leak', 'attacker'],
    });
    expect(hostInfo('203.0.113.9')).toEqual({
      display: 'an IP address',
      isIp: true,
      isIdn: false,
      subdomainLabels: [],
    });
    expect(hostInfo('[2001:db8::1]').display).toBe('an IPv6 address');
    expect(hostInfo(domainToASCII('exаmple.com')).isIdn).toBe(true);
    expect(hostInfo('localhost').display).toBe('an unlisted host');
  });
});
