// Listening: the bind rules of a security gateway. Port from --port, else RAMPART_PORT, else 8787.
// With no API keys the gateway accepts requests without a key, so it binds to loopback only (Redis's
// protected mode is the model) and warns; asking for any other address without keys is refused.
import { serve, type ServerType } from '@hono/node-server';
import { RampartError } from '../core/errors.js';
import { onClientError } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway, type GatewayOptions } from './gateway.js';

export const DEFAULT_PORT = 8787;
/** The request headers must arrive within this (or the request timeout, if shorter). */
const HEADERS_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past their timeouts (its default, 30 s, would double a 30 s limit). */
const TIMEOUT_CHECK_MS = 1_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface ListenOptions {
  host?: string;
  port?: number;
}

export interface RunningGateway {
  gateway: Gateway;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function resolvePort(cli: number | undefined, config: GatewayConfig): number {
  if (cli !== undefined) return cli;
  const env = process.env.RAMPART_PORT;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new RampartError('CONFIG_INVALID', `RAMPART_PORT must be a port number (0-65535)`);
    return n;
  }
  return config.server.port ?? DEFAULT_PORT;
}

export async function startGateway(
  config: GatewayConfig,
  listen: ListenOptions = {},
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const gateway = await createGateway(config, options);
  try {
    const keyed = await gateway.keysRequired();
    const host = listen.host ?? config.server.host ?? '127.0.0.1';
    if (!keyed && !LOOPBACK.has(host))
      throw new RampartError(
        'CONFIG_INVALID',
        `refusing to listen on ${host} without API keys: anyone who can reach it could use the upstream models. Create a key with \`rampart keys create --tenant NAME\`, or listen on 127.0.0.1`,
      );
    if (!keyed)
      gateway.context.log.warn(
        { host },
        'no API keys configured: accepting requests without a key, on loopback only (create one with `rampart keys create`)',
      );
    const port = resolvePort(listen.port, config);
    const server = await new Promise<ServerType>((resolveListen, reject) => {
      const requestTimeout = config.server.request_timeout_ms;
      const serverOptions = {
        requestTimeout,
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
        connectionsCheckingInterval: TIMEOUT_CHECK_MS,
      };
      const s = serve({ fetch: gateway.app.fetch, port, hostname: host, serverOptions }, () =>
        resolveListen(s),
      );
      s.once('error', reject);
      s.on('clientError', onClientError); // 408/431/400 with a JSON body instead of an empty one
    });
    const addr = server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      gateway,
      host,
      port: actualPort,
      url: `http://${shownHost}:${actualPort}`,
      close: async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        // Keep-alive and streaming connections would hold close() open: end them.
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
        await closed;
        await gateway.close();
      },
    };
  } catch (err) {
    await gateway.close();
    throw err;
  }
}
