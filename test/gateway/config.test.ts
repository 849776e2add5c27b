// The gateway config: the documented example parses, defaults are safe, mistakes are located errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultGatewayConfig, loadGatewayConfig, parseGatewayConfig } from '../../src/gateway/config.js';

describe('gateway config', () => {
  it('parses the documented example (examples/gateway.yaml)', () => {
    process.env.OPENAI_API_KEY ??= 'unused';
    const c = loadGatewayConfig('examples/gateway.yaml');
    expect(c.upstreams[0]).toMatchObject({ name: 'openai', retries: 2 });
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.audit.path.endsWith('.rampart/audit.db')).toBe(true);
  });

  it('defaults to loopback-friendly, fail-closed settings', () => {
    const c = defaultGatewayConfig();
    expect(c.upstreams).toEqual([]);
    expect(c.on_block).toBe('error');
    expect(c.store).toEqual({ kind: 'memory' });
    expect(c.audit).toMatchObject({ enabled: true, store_text: false, wait_for_commit: true });
  });

  it('names the line of a mistake and refuses a literal upstream key', () => {
    expect(() => parseGatewayConfig('server:\n  prot: 1\n', 'g.yaml')).toThrow(
      /g\.yaml:2:3: .*unknown key "prot"/u,
    );
    expect(() =>
      parseGatewayConfig(
        'upstreams:\n  - { name: a, base_url: "https://x.example/v1", api_key: sk-123, models: ["*"] }\n',
        'g.yaml',
      ),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const err = (() => {
      try {
        parseGatewayConfig(
          'upstreams:\n  - { name: a, base_url: "https://x.example/v1", api_key: sk-123, models: ["*"] }\n',
          'g.yaml',
        );
      } catch (e) {
        return String((e as Error).message);
      }
      return '';
    })();
    expect(err).not.toContain('sk-123');
  });

  it('takes server.allowed_hosts as bare host names, never with a port or a scheme', () => {
    expect(defaultGatewayConfig().server.allowed_hosts).toEqual([]);
    const c = parseGatewayConfig('server: { allowed_hosts: [rampart.local, "[fd00::1]"] }');
    expect(c.server.allowed_hosts).toEqual(['rampart.local', '[fd00::1]']);
    for (const bad of ['"rampart.local:8787"', '"http://rampart.local"', '"*"'])
      expect(() => parseGatewayConfig(`server: { allowed_hosts: [${bad}] }`, 'g.yaml')).toThrow(
        /g\.yaml:1:.*allowed_hosts/u,
      );
  });

  it('refuses duplicate upstream names and a missing file clearly', () => {
    expect(() =>
      parseGatewayConfig(
        'upstreams:\n  - { name: a, base_url: "https://x.example/v1", models: ["*"] }\n  - { name: a, base_url: "https://y.example/v1", models: ["*"] }\n',
      ),
    ).toThrow(/duplicate upstream name/u);
    expect(() => loadGatewayConfig('/nonexistent/gateway.yaml')).toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND' }),
    );
    expect(readFileSync('examples/gateway.yaml', 'utf8')).not.toMatch(/sk-[A-Za-z0-9]{10}/u);
  });
});
