// The proxy over streamable HTTP on 127.0.0.1, with the SDK's HTTP client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpProxy } from '../../../src/agent/mcp/proxy.js';
import { parseListen, serveMcpHttp } from '../../../src/agent/mcp/serve-http.js';
import { connectUpstream, upstreamTransport } from '../../../src/agent/mcp/upstream-clients.js';
import { mailServer } from './fixtures/upstream-server.js';
import { guard, textOf } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A real upstream MCP server over streamable HTTP (stateless: a fresh McpServer per request). */
async function httpUpstream(build: () => McpServer): Promise<string> {
  const http = createServer((req, res) => {
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  closers.push(async () => {
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
}

describe('MCP proxy over streamable HTTP', () => {
  it('serves namespaced tools from an HTTP upstream to an HTTP client', async () => {
    const url = await httpUpstream(mailServer);
    const upstream = await connectUpstream('mail', upstreamTransport('mail', { url }), 10_000);
    const proxy = createMcpProxy({ upstreams: [upstream], guard, allowUnfirewalledCalls: true });
    const listener = await serveMcpHttp(proxy, { port: 0 });
    closers.push(
      () => proxy.close(),
      () => listener.close(),
    );
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/u);

    const client = new Client({ name: 'http-client', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(listener.url)));
    closers.push(() => client.close());
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('mail__search');
    const r = await client.callTool({ name: 'mail__search', arguments: { query: 'x' } });
    expect(textOf(r)).toBe('mail results for x');
    const injected = await client.callTool({
      name: 'mail__fetch_page',
      arguments: { url: 'https://d.example' },
    });
    expect(injected.isError).toBe(true);
  });

  it('refuses a request whose Host header is not the listener (DNS rebinding)', async () => {
    const proxy = createMcpProxy({ upstreams: [], guard });
    const listener = await serveMcpHttp(proxy, { port: 0 });
    closers.push(() => listener.close());
    const { port } = new URL(listener.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(port),
          path: '/mcp',
          method: 'POST',
          headers: { host: 'evil.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('refuses a new session beyond max sessions with 503', async () => {
    const proxy = createMcpProxy({ upstreams: [], guard });
    const listener = await serveMcpHttp(proxy, { port: 0, maxSessions: 1 });
    closers.push(() => listener.close());
    const first = new Client({ name: 'a', version: '1' });
    await first.connect(new StreamableHTTPClientTransport(new URL(listener.url)));
    closers.push(() => first.close());
    const second = new Client({ name: 'b', version: '1' });
    await expect(second.connect(new StreamableHTTPClientTransport(new URL(listener.url)))).rejects.toThrow(
      /503|too many/u,
    );
  });

  it('parses --listen values and defaults the host to loopback', () => {
    expect(parseListen('8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseListen('0.0.0.0:9')).toEqual({ host: '0.0.0.0', port: 9 });
    expect(parseListen('[::1]:7')).toEqual({ host: '::1', port: 7 });
    for (const bad of ['', 'x', '1:2:3', '99999', 'host:'])
      expect(() => parseListen(bad)).toThrow(/--listen/u);
  });
});
