// Serves the proxy over streamable HTTP (one MCP session per client, each with its own Server). Bound to 127.0.0.1
// unless told otherwise, and the Host header is checked so a web page cannot reach it through DNS rebinding.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { RampartError } from '../../core/errors.js';
import { listenLocal } from '../local-http.js';
import type { McpProxy } from './proxy.js';

export interface McpHttpOptions {
  host?: string;
  port?: number;
  /** Most concurrent MCP sessions; a new one beyond it is refused with 503. Default 64. */
  maxSessions?: number;
  /** Largest POST body, bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /** A session with no request for this long is closed (a client that vanished must not hold a slot). Default 30 min. */
  sessionIdleMs?: number;
}

export interface McpHttpListener {
  /** http://host:port/mcp */
  url: string;
  close(): Promise<void>;
}

const PATH = '/mcp';

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** Parses "host:port", "[::1]:port" or "port" (host defaults to 127.0.0.1). */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/u.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new RampartError(
      'INPUT_INVALID',
      `--listen expects host:port or port, got '${value.slice(0, 64)}'`,
    );
  const host = m[1] ? m[1].replace(/^\[|\]$/gu, '') : '127.0.0.1';
  return { host, port };
}

export async function serveMcpHttp(proxy: McpProxy, options: McpHttpOptions = {}): Promise<McpHttpListener> {
  const host = options.host ?? '127.0.0.1';
  const maxSessions = options.maxSessions ?? 64;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const lastSeen = new Map<string, number>();
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, at] of lastSeen) {
        if (at < cutoff) {
          lastSeen.delete(id);
          void transports.get(id)?.close();
        }
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url !== PATH && !url.startsWith(`${PATH}?`)) return reply(res, 404, 'not found');
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const t = transports.get(sid);
      if (!t) return reply(res, 404, 'unknown MCP session');
      lastSeen.set(sid, Date.now());
      return t.handleRequest(req, res);
    }
    if (req.method !== 'POST') return reply(res, 400, 'no MCP session');
    if (transports.size >= maxSessions) return reply(res, 503, 'too many MCP sessions');
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        transports.set(id, transport);
        lastSeen.set(id, Date.now());
      },
      ...(options.maxBodyBytes ? { maxRequestBodySize: options.maxBodyBytes } : {}),
    });
    transport.onclose = () => {
      if (transport.sessionId) {
        transports.delete(transport.sessionId);
        lastSeen.delete(transport.sessionId);
      }
    };
    const server = proxy.createServer();
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // Not an initialize request: the transport refused it, and nothing should stay behind.
    if (!transport.sessionId) await server.close();
  };

  const server = await listenLocal(handle, { host, port: options.port, what: 'MCP proxy', reply });

  return {
    url: `${server.origin}${PATH}`,
    close: async () => {
      clearInterval(sweep);
      await Promise.allSettled([...transports.values()].map((t) => t.close()));
      await server.close();
    },
  };
}
