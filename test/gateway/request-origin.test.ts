import { describe, expect, it } from 'vitest';
import { hostName, sameOrigin } from '../../src/gateway/request-origin.js';

describe('hostName', () => {
  it('takes the name part of a Host value, any port', () => {
    expect(hostName('127.0.0.1:8787')).toBe('127.0.0.1');
    expect(hostName('LocalHost')).toBe('localhost');
    expect(hostName('localhost.:80')).toBe('localhost');
    expect(hostName('[::1]:8787')).toBe('[::1]');
    expect(hostName('[::1]')).toBe('[::1]');
  });

  it('refuses what is not a host', () => {
    for (const h of ['', ':8787', '127.0.0.1:x', '127.0.0.1:80:80', '[::1', '[::1]x', '::1', 'a:99999999'])
      expect(hostName(h)).toBeUndefined();
  });
});

describe('sameOrigin', () => {
  it('accepts no Origin, or one naming the Host', () => {
    expect(sameOrigin(undefined, '127.0.0.1:8787')).toBe(true);
    expect(sameOrigin('http://127.0.0.1:8787', '127.0.0.1:8787')).toBe(true);
    expect(sameOrigin('http://[::1]:8787', '[::1]:8787')).toBe(true);
  });

  it('refuses another site, another port, null and garbage', () => {
    expect(sameOrigin('http://attacker.example', '127.0.0.1:8787')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:9999', '127.0.0.1:8787')).toBe(false);
    expect(sameOrigin('null', '127.0.0.1:8787')).toBe(false);
    expect(sameOrigin('::', '127.0.0.1:8787')).toBe(false);
  });
});
