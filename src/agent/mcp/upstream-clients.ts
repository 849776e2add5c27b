// Connections to the upstream MCP servers the proxy fronts: a child process over stdio, or streamable HTTP.
// Each is an SDK Client; the proxy only ever calls tools/list and tools/call on it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { RampartError } from '../../core/errors.js';
import type { McpServerConfig } from './config.js';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;
const CLIENT_INFO = { name: 'rampart-mcp-proxy', version: '1' };

export interface Upstream {
  name: string;
  client: Client;
  timeoutMs: number;
}

export interface TransportOptions {
  /** Where a stdio server's stderr goes (default 'inherit': its diagnostics stay visible on the proxy's stderr). */
  stderr?: 'inherit' | 'ignore' | 'pipe';
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Builds (does not start) the transport for one configured server. Secrets come from the environment, by name. */
export function upstreamTransport(
  name: string,
  server: McpServerConfig,
  options: TransportOptions = {},
): Transport {
  const env = options.env ?? process.env;
  if ('command' in server) {
    const childEnv: Record<string, string> = { ...getDefaultEnvironment(), ...(server.env ?? {}) };
    for (const v of server.env_passthrough ?? []) {
      const value = env[v];
      if (value !== undefined) childEnv[v] = value;
    }
    return new StdioClientTransport({
      command: server.command,
      args: server.args ?? [],
      env: childEnv,
      stderr: options.stderr ?? 'inherit',
      ...(server.cwd ? { cwd: server.cwd } : options.cwd ? { cwd: options.cwd } : {}),
    });
  }
  const headers: Record<string, string> = {};
  for (const [header, v] of Object.entries(server.headers_env ?? {})) {
    const value = env[v];
    if (value === undefined)
      throw new RampartError('CONFIG_INVALID', `server '${name}': environment variable ${v} is not set`);
    headers[header] = value;
  }
  return new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } });
}

/** Connects a client over `transport`; a failure is UPSTREAM_UNAVAILABLE naming the server, not the cause's text. */
export async function connectUpstream(
  name: string,
  transport: Transport,
  timeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS,
): Promise<Upstream> {
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  try {
    await client.connect(transport, { timeout: timeoutMs });
  } catch (cause) {
    await client.close().catch(() => {});
    throw new RampartError('UPSTREAM_UNAVAILABLE', `MCP server '${name}' could not be reached`, { cause });
  }
  return { name, client, timeoutMs };
}

/** Connects every configured server; if one fails, the ones already connected are closed and the error thrown. */
export async function connectUpstreams(
  servers: Record<string, McpServerConfig>,
  options: TransportOptions = {},
): Promise<Upstream[]> {
  const out: Upstream[] = [];
  try {
    for (const [name, server] of Object.entries(servers)) {
      out.push(
        await connectUpstream(
          name,
          upstreamTransport(name, server, options),
          server.timeout_ms ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
        ),
      );
    }
  } catch (e) {
    await Promise.allSettled(out.map((u) => u.client.close()));
    throw e;
  }
  return out;
}
