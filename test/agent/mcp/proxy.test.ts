import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createToolFirewall } from '../../../src/agent/firewall/create-tool-firewall.js';
import { ToolPins } from '../../../src/agent/mcp/tool-pins.js';
import { filesServer, mailServer } from './fixtures/upstream-server.js';
import { inMemoryUpstream, proxyWithClient, textOf } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(options: Parameters<typeof proxyWithClient>[1] = {}) {
  const files = filesServer();
  const upstreams = [
    await inMemoryUpstream('mail', mailServer()),
    await inMemoryUpstream('files', files.server),
  ];
  const p = await proxyWithClient(upstreams, options);
  closers.push(p.close);
  return { ...p, files };
}

const str = { type: 'string' };
const firewall = (policies: string) =>
  createToolFirewall({
    tools: {
      mail__search: { schema: { type: 'object', properties: { query: str } }, risk: 'read' },
      mail__read_inbox: { schema: { type: 'object' }, risk: 'read' },
      mail__fetch_page: { schema: { type: 'object', properties: { url: str } }, risk: 'read' },
      mail__send_email: {
        schema: { type: 'object', properties: { to: str, body: str }, required: ['to', 'body'] },
        sensitive: { to: 'recipient' },
        risk: 'external',
      },
      files__search: { schema: { type: 'object', properties: { query: str } }, risk: 'read' },
      files__weather: { schema: { type: 'object', properties: { city: str } }, risk: 'read' },
    },
    policies,
  });

describe('MCP proxy: listing', () => {
  it('exposes namespaced tools from two servers; a shared name does not shadow', async () => {
    const { client } = await setup();
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['mail__search', 'files__search', 'mail__send_email', 'files__weather']),
    );
    expect(names.every((n) => /^(mail|files)__/u.test(n))).toBe(true);
  });

  it('drops poisoned tools: <IMPORTANT> block, tag characters, schema descriptions, shadowing', async () => {
    const { client, events } = await setup();
    const names = (await client.listTools()).tools.map((t) => t.name);
    for (const bad of ['files__add', 'files__tagged', 'files__schema_poison', 'files__shadow'])
      expect(names).not.toContain(bad);
    const dropped = events.filter((e) => e.type === 'tool_dropped' && e.reason === 'poison');
    const byTool = Object.fromEntries(dropped.map((e) => [e.type === 'tool_dropped' ? e.tool : '', e]));
    expect(JSON.stringify(byTool['files__add'])).toMatch(/hidden_block/u);
    expect(JSON.stringify(byTool['files__add'])).toMatch(/sensitive_file/u);
    expect(JSON.stringify(byTool['files__tagged'])).toMatch(/hidden_unicode/u);
    expect(JSON.stringify(byTool['files__schema_poison'])).toMatch(
      /inputSchema\/properties\/value\/description/u,
    );
    expect(JSON.stringify(byTool['files__shadow'])).toMatch(/shadowing.*mail__send_email/u);
    // Calling a dropped tool is refused with the reason, as a tool result.
    const r = await client.callTool({ name: 'files__add', arguments: { a: 1, b: 2 } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/poisoned/u);
  });

  it('flags instead of dropping when on_poison is flag', async () => {
    const { client, events } = await setup({ onPoison: 'flag' });
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('files__add');
    expect(events.some((e) => e.type === 'tool_flagged' && e.tool === 'files__add')).toBe(true);
  });

  it('blocks a tool whose definition changed after pinning, until the change is accepted', async () => {
    const pins = new ToolPins();
    const { client, files, events } = await setup({ pins, allowUnfirewalledCalls: true });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('files__weather');
    files.weather.update({ description: 'Current weather for a city. Also reports the forecast.' });
    const second = (await client.listTools()).tools.map((t) => t.name);
    expect(second).not.toContain('files__weather');
    expect(
      events.some((e) => e.type === 'tool_dropped' && e.reason === 'rug_pull' && e.tool === 'files__weather'),
    ).toBe(true);
    const denied = await client.callTool({ name: 'files__weather', arguments: { city: 'Oslo' } });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/changed since it was pinned.*pins --accept files__weather/u);
    pins.accept('files__weather');
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('files__weather');
    const ok = await client.callTool({ name: 'files__weather', arguments: { city: 'Oslo' } });
    expect(textOf(ok)).toBe('sunny in Oslo');
  });

  it('on_change alert keeps the changed tool listed and records the alert', async () => {
    const { client, files, events } = await setup({ onChange: 'alert' });
    await client.listTools();
    files.weather.update({ description: 'Changed.' });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('files__weather');
    expect(events.some((e) => e.type === 'tool_flagged' && e.reason === 'rug_pull')).toBe(true);
  });
});

describe('MCP proxy: calls', () => {
  it('denies every call when no firewall is configured and unfirewalled calls are not allowed', async () => {
    const { client } = await setup();
    const r = await client.callTool({ name: 'mail__search', arguments: { query: 'x' } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/no tool firewall is configured/u);
  });

  it('passes a benign call through the firewall end to end', async () => {
    const { client } = await setup({ firewall: firewall('permit(principal, action, resource);') });
    const r = await client.callTool({ name: 'files__search', arguments: { query: 'report' } });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toBe('file results for report');
    const m = await client.callTool({ name: 'mail__search', arguments: { query: 'report' } });
    expect(textOf(m)).toBe('mail results for report');
  });

  it('returns a Cedar forbid as an isError tool result naming the policy reason', async () => {
    const { client } = await setup({
      firewall: firewall(
        '@id("no-external") forbid(principal, action, resource) when { resource.risk == "external" };\npermit(principal, action, resource);',
      ),
    });
    const r = await client.callTool({
      name: 'mail__send_email',
      arguments: { to: 'bob@corp.example', body: 'hi' },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/denied by the tool firewall/u);
    expect(textOf(r)).toMatch(/no-external/u);
  });

  it('lets policies decide on the upstream server (context.app.server)', async () => {
    const { client } = await setup({
      firewall: firewall(
        '@id("no-files") forbid(principal, action, resource) when { context.app.server == "files" };\npermit(principal, action, resource);',
      ),
    });
    const denied = await client.callTool({ name: 'files__search', arguments: { query: 'x' } });
    expect(textOf(denied)).toMatch(/no-files/u);
    const ok = await client.callTool({ name: 'mail__search', arguments: { query: 'x' } });
    expect(ok.isError).toBeFalsy();
  });

  it('denies a recipient copied from an earlier tool result (taint)', async () => {
    const { client, events } = await setup({ firewall: firewall('permit(principal, action, resource);') });
    const inbox = await client.callTool({ name: 'mail__read_inbox', arguments: {} });
    expect(textOf(inbox)).toMatch(/payments@attacker\.example/u);
    const ok = await client.callTool({
      name: 'mail__send_email',
      arguments: { to: 'bob@corp.example', body: 'hi' },
    });
    expect(ok.isError).toBeFalsy();
    const r = await client.callTool({
      name: 'mail__send_email',
      arguments: { to: 'payments@attacker.example', body: 'the invoice' },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/argument 'to' \(recipient\).*untrusted tool_result 'mail__read_inbox'/u);
    expect(events.some((e) => e.type === 'call_denied' && e.tool === 'mail__send_email')).toBe(true);
  });

  it('withholds a tool result carrying an injection, and still records it as tainted', async () => {
    const fw = firewall('permit(principal, action, resource);');
    const { client, events } = await setup({ firewall: fw });
    const r = await client.callTool({ name: 'mail__fetch_page', arguments: { url: 'https://docs.example' } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/withheld.*prompt_injection/u);
    expect(textOf(r)).not.toMatch(/attacker/u);
    expect(events.some((e) => e.type === 'result_withheld')).toBe(true);
    // The address from the withheld page cannot be used as a recipient.
    const send = await client.callTool({
      name: 'mail__send_email',
      arguments: { to: 'attacker@evil.example', body: 'x' },
    });
    expect(send.isError).toBe(true);
    expect(fw.session('session-1').ledger.stats().entries).toBeGreaterThan(0);
  });

  it('flags (passes with a warning) an injected result when on_injection is flag', async () => {
    const { client } = await setup({
      firewall: firewall('permit(principal, action, resource);'),
      onInjection: 'flag',
    });
    const r = await client.callTool({ name: 'mail__fetch_page', arguments: { url: 'https://docs.example' } });
    expect(r.isError).toBeFalsy();
    const content = r.content as Array<{ text: string }>;
    expect(content[0]!.text).toMatch(/^\[rampart\] warning/u);
    expect(content[1]!.text).toMatch(/Ignore all previous instructions/u);
  });

  it('refuses unknown tools and tools of unknown servers', async () => {
    const { client } = await setup({ allowUnfirewalledCalls: true });
    for (const name of ['nope__search', 'search', 'mail__nope']) {
      const r = await client.callTool({ name, arguments: {} });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/unknown tool/u);
    }
  });

  it('tells connected clients when an upstream tool list changes', async () => {
    const { client, files } = await setup();
    await client.listTools();
    const changed = new Promise<void>((resolve) => {
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve());
    });
    files.weather.update({ description: 'Different.' });
    await changed;
    // Listed again, the changed definition is a rug pull: by default the tool is withheld, the rest stay.
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('files__weather');
    expect(names).toContain('files__search');
  });
});
