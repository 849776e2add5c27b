// Wiring for the proxy tests: real SDK servers and clients joined by InMemoryTransport pairs.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createGuard } from '../../../src/policy/create-guard.js';
import { createMcpProxy, type McpProxyEvent, type McpProxyOptions } from '../../../src/agent/mcp/proxy.js';
import { connectUpstream, type Upstream } from '../../../src/agent/mcp/upstream-clients.js';

export async function inMemoryUpstream(name: string, server: McpServer): Promise<Upstream> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  return connectUpstream(name, clientSide, 10_000);
}

export const guard = createGuard();

export async function proxyWithClient(
  upstreams: Upstream[],
  options: Partial<McpProxyOptions> = {},
): Promise<{
  client: Client;
  events: McpProxyEvent[];
  proxy: ReturnType<typeof createMcpProxy>;
  close: () => Promise<void>;
}> {
  const events: McpProxyEvent[] = [];
  const proxy = createMcpProxy({ upstreams, guard, onEvent: (e) => events.push(e), ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await proxy.createServer('session-1').connect(serverSide);
  const client = new Client({ name: 'test-client', version: '1' });
  await client.connect(clientSide);
  return {
    client,
    events,
    proxy,
    close: async () => {
      await client.close();
      await proxy.close();
    },
  };
}

export const textOf = (r: unknown): string =>
  (((r as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>)
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
