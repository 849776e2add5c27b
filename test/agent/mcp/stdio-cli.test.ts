// End to end over stdio: the SDK client spawns `rampart mcp-proxy`, which spawns two real MCP servers over stdio.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mcpProxyCommand } from '../../../src/cli/mcp-proxy.js';
import { textOf } from './helpers.js';

const exec = promisify(execFile);
const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const ROOT = resolve(import.meta.dirname, '../../..');
const node = process.execPath;

let dir: string;
let configPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-mcp-'));
  configPath = join(dir, 'mcp.yaml');
  const server = (which: string) =>
    `    command: ${JSON.stringify(node)}\n    args: ["--import", "tsx", ${JSON.stringify(join(FIXTURES, 'stdio-server.ts'))}, "${which}"]\n    cwd: ${JSON.stringify(ROOT)}\n    timeout_ms: 30000\n`;
  writeFileSync(
    configPath,
    `servers:\n  mail:\n${server('mail')}  files:\n${server('files')}` +
      `pins: { file: pins.json }\n` +
      `firewall:\n  tools:\n    files__search: { schema: { type: object, properties: { query: { type: string } } }, risk: read }\n` +
      `    mail__send_email: { schema: { type: object }, risk: external }\n` +
      `  policies:\n    text: |\n      @id("no-external") forbid(principal, action, resource) when { resource.risk == "external" };\n      permit(principal, action, resource);\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rampart mcp-proxy over stdio', () => {
  it('lists, calls a benign tool, and denies a forbidden one, end to end', { timeout: 60_000 }, async () => {
    const transport = new StdioClientTransport({
      command: node,
      args: ['--import', 'tsx', join(FIXTURES, 'run-cli.ts'), 'mcp-proxy', '--config', configPath],
      cwd: ROOT,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e', version: '1' });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('mail__search');
      expect(names).toContain('files__search');
      expect(names).not.toContain('files__add');
      const ok = await client.callTool({ name: 'files__search', arguments: { query: 'q3 report' } });
      expect(ok.isError).toBeFalsy();
      expect(textOf(ok)).toBe('file results for q3 report');
      const denied = await client.callTool({
        name: 'mail__send_email',
        arguments: { to: 'a@b.example', body: 'x' },
      });
      expect(denied.isError).toBe(true);
      expect(textOf(denied)).toMatch(/no-external/u);
      // Not in the firewall's tool table: denied (fail closed), not passed.
      const unknown = await client.callTool({ name: 'mail__search', arguments: { query: 'x' } });
      expect(unknown.isError).toBe(true);
    } finally {
      await client.close();
    }
    const pins = JSON.parse(readFileSync(join(dir, 'pins.json'), 'utf8')) as {
      pins: Record<string, unknown>;
    };
    expect(Object.keys(pins.pins)).toContain('files__weather');
  });

  it(
    '`pins` lists pins and refuses to accept a tool with no pending change',
    { timeout: 30_000 },
    async () => {
      const run = (...args: string[]) =>
        exec(node, ['--import', 'tsx', join(FIXTURES, 'run-cli.ts'), 'mcp-proxy', 'pins', ...args], {
          cwd: ROOT,
        }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
      const list = await run('--config', configPath, '--format', 'json');
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((p) => p.name)).toContain(
        'mail__search',
      );
      const accept = await run('--config', configPath, '--accept', 'mail__search');
      expect(accept.code).toBe(2);
      expect(accept.stderr).toMatch(/INPUT_INVALID: tool 'mail__search' has no changed definition/u);
    },
  );

  it('--listen serves the same proxy over streamable HTTP on loopback', { timeout: 60_000 }, async () => {
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = mcpProxyCommand(
      { config: configPath, listen: '127.0.0.1:0' },
      { out: () => {}, err: (s) => err.push(s) },
      stopped,
    );
    for (let i = 0; i < 600 && !err.some((l) => l.includes('listening on')); i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/u.exec(err.join('\n'))?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/mcp$/u);
    const client = new Client({ name: 'http', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url!)));
    const r = await client.callTool({ name: 'files__search', arguments: { query: 'x' } });
    expect(textOf(r)).toBe('file results for x');
    await client.close();
    stop();
    expect(await running).toBe(0);
  });
});
