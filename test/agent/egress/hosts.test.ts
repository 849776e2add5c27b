import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostMatches, matchesAny, normalizeHost } from '../../../src/agent/egress/hosts.js';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/u);
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));

describe('normalizeHost', () => {
  it('lowercases, drops IPv6 brackets and one trailing dot', () => {
    expect(normalizeHost('Example.COM.')).toBe('example.com');
    expect(normalizeHost('[::1]')).toBe('::1');
    expect(normalizeHost('[FD00::1]')).toBe('fd00::1');
    expect(normalizeHost('a..')).toBe('a.');
  });
});

describe('hostMatches', () => {
  it('an exact pattern matches the host only, whatever the case or trailing dot', () => {
    expect(hostMatches('API.example.com.', 'api.example.com')).toBe(true);
    expect(hostMatches('api.example.com', 'API.EXAMPLE.COM.')).toBe(true);
    expect(hostMatches('x.api.example.com', 'api.example.com')).toBe(false);
    expect(hostMatches('api.example.co', 'api.example.com')).toBe(false);
    expect(hostMatches('[::1]', '::1')).toBe(true);
  });

  it('*.domain matches subdomains at any depth, never the apex or a look-alike', () => {
    expect(hostMatches('a.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('example.com', '*.example.com')).toBe(false);
    expect(hostMatches('badexample.com', '*.example.com')).toBe(false);
    expect(hostMatches('example.com.evil.net', '*.example.com')).toBe(false);
    expect(hostMatches('.example.com', '*.example.com')).toBe(false);
  });

  it('for any domains: sub.d matches *.d; d and xd do not (property)', () => {
    fc.assert(
      fc.property(domain, label, (d, sub) => {
        expect(hostMatches(`${sub}.${d}`, `*.${d}`)).toBe(true);
        expect(hostMatches(`${sub}.${d}`.toUpperCase(), `*.${d}`)).toBe(true);
        expect(hostMatches(d, `*.${d}`)).toBe(false);
        expect(hostMatches(`${sub}${d}`, `*.${d}`)).toBe(false);
        expect(hostMatches(`${d}.${sub}`, d)).toBe(false);
      }),
    );
  });

  it('matchesAny is true when one pattern matches', () => {
    expect(matchesAny('a.example.com', ['other.org', '*.example.com'])).toBe(true);
    expect(matchesAny('a.example.com', [])).toBe(false);
    expect(matchesAny('example.com', ['*.example.com', 'example.org'])).toBe(false);
  });
});
