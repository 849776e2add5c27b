import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadMcpProxyConfig, parseMcpProxyConfig } from '../../../src/agent/mcp/config.js';
import { createMcpProxyFromConfig, firewallFromConfig } from '../../../src/agent/mcp/from-config.js';

// The README example: keep it in sync.
export const EXAMPLE = `
servers:
  github:                      # stdio server; tools exposed as github__<tool>
    command: npx
    args: [-y, "@modelcontextprotocol/server-github"]
    env_passthrough: [GITHUB_PERSONAL_ACCESS_TOKEN]
  docs:                        # streamable HTTP server
    url: http://127.0.0.1:8931/mcp
    headers_env: { Authorization: DOCS_MCP_AUTH }
principal: { type: Agent, id: claude-desktop }
pins: { file: .rampart/mcp-pins.json }   # or: memory
on_poison: block       # block | flag   (tool description instructs the model)
on_change: block       # block | alert  (pinned definition changed: rug pull)
on_injection: block    # block | flag   (tool result carries an injection)
# policy: policies/default.yaml
firewall:              # tool names as exposed: <server>__<tool>
  tools:
    github__search_issues: { schema: { type: object }, risk: read }
    github__create_issue: { schema: { type: object }, risk: write, sensitive: { /repo: path } }
    docs__fetch: { schema: { type: object, properties: { url: { type: string } } }, risk: read }
  policies:
    text: |
      permit(principal, action, resource) when { resource.risk == "read" };
      permit(principal, action, resource == Tool::"github__create_issue") unless { context.tainted };
`;

describe('MCP proxy config', () => {
  it('parses the README example with defaults', () => {
    const c = parseMcpProxyConfig(EXAMPLE);
    expect(Object.keys(c.servers)).toEqual(['github', 'docs']);
    expect(c.allow_unfirewalled_calls).toBe(false);
    expect(c.limits.max_result_chars).toBe(1_000_000);
    expect(c.scan_descriptions_with_guard).toBe(true);
    expect(firewallFromConfig(c, process.cwd())?.policyIds.length).toBe(2);
  });

  it('parses the README approvals and user_intent example; the approval API needs a token', () => {
    const c = parseMcpProxyConfig(`servers: { s: { command: x } }
approvals: { listen: '127.0.0.1:8932', token_env: RAMPART_APPROVAL_TOKEN, webhook: { url: 'https://hooks.example/approve' } }
user_intent: { secret_env: RAMPART_USER_INTENT_SECRET }
firewall:
  tools: { s__t: { schema: { type: object } } }
  policies: { text: 'permit(principal, action, resource);' }
  intent: { effect: require_approval }
  approvals: { timeoutMs: 120000 }
`);
    expect(c.approvals).toEqual({
      listen: '127.0.0.1:8932',
      token_env: 'RAMPART_APPROVAL_TOKEN',
      webhook: { url: 'https://hooks.example/approve' },
    });
    expect(c.user_intent).toEqual({ secret_env: 'RAMPART_USER_INTENT_SECRET' });
    expect(() =>
      parseMcpProxyConfig(
        "servers: { s: { command: x } }\napprovals: { listen: '127.0.0.1:8932' }\n",
        'm.yaml',
      ),
    ).toThrow(/approvals\.token_env: approvals\.listen needs token_env/u);
    expect(() =>
      parseMcpProxyConfig("servers: { s: { command: x } }\napprovals: { webhook: { url: 'file:///x' } }\n"),
    ).toThrow(/expected an http\(s\) URL/u);
  });

  it('refuses a user_intent secret that is unset or short', async () => {
    const c = parseMcpProxyConfig(
      'servers: { s: { command: x } }\npins: memory\nuser_intent: { secret_env: RAMPART_TEST_UI_SECRET }\n',
    );
    delete process.env.RAMPART_TEST_UI_SECRET;
    await expect(createMcpProxyFromConfig(c, { baseDir: process.cwd(), upstreams: [] })).rejects.toThrow(
      /RAMPART_TEST_UI_SECRET is not set/u,
    );
    process.env.RAMPART_TEST_UI_SECRET = 'short';
    await expect(createMcpProxyFromConfig(c, { baseDir: process.cwd(), upstreams: [] })).rejects.toThrow(
      /at least 32 characters/u,
    );
    delete process.env.RAMPART_TEST_UI_SECRET;
  });

  it('reports located errors', () => {
    expect(() => parseMcpProxyConfig('servers:\n  Bad__Name: { command: x }\n', 'mcp.yaml')).toThrow(
      /mcp\.yaml:2:\d+: servers\.Bad__Name: /u,
    );
    expect(() => parseMcpProxyConfig('servers:\n  a: { command: x, colour: red }\n', 'mcp.yaml')).toThrow(
      /mcp\.yaml:2:/u,
    );
    expect(() => parseMcpProxyConfig('servers:\n  a: { url: "file:///etc/passwd" }\n', 'm')).toThrow(/http/u);
    expect(() => parseMcpProxyConfig('servers: {}\n', 'm')).toThrow(/at least one server/u);
    expect(() => parseMcpProxyConfig('servers:\n  a: { command: x }\non_change: ignore\n', 'm')).toThrow(
      /m:3:12: on_change: expected one of "block", "alert"/u,
    );
    expect(() =>
      parseMcpProxyConfig(
        'servers:\n  a: { command: x }\nfirewall_file: f.yaml\nfirewall: { tools: {}, policies: { text: "" } }\n',
        'm',
      ),
    ).toThrow(/at most one of firewall and firewall_file/u);
  });

  it('never throws anything but a RampartError on hostile YAML (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseMcpProxyConfig(s);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('CONFIG_INVALID');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('loads relative files against the config folder and fails on a missing policy file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-mcpcfg-'));
    try {
      writeFileSync(
        join(dir, 'fw.yaml'),
        'tools: {}\npolicies: { text: "permit(principal, action, resource);" }\n',
      );
      writeFileSync(
        join(dir, 'mcp.yaml'),
        'servers:\n  a: { command: x }\nfirewall_file: fw.yaml\npins: memory\npolicy: missing.yaml\n',
      );
      const { config, baseDir } = loadMcpProxyConfig(join(dir, 'mcp.yaml'));
      expect(firewallFromConfig(config, baseDir)?.policyIds).toEqual(['policy0']);
      await expect(createMcpProxyFromConfig(config, { baseDir, upstreams: [] })).rejects.toMatchObject({
        code: 'POLICY_NOT_FOUND',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
