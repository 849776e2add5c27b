// `rampart serve`: runs the gateway until SIGINT/SIGTERM, then closes it cleanly (flushes telemetry,
// closes the audit log).
import { RampartError } from '../core/errors.js';
import { defaultGatewayConfig, loadGatewayConfig } from '../gateway/config.js';
import { startGateway } from '../gateway/server.js';
import type { CliIo } from './scan.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
}

export function parsePortOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d{1,5}$/u.test(value) || n > 65535)
    throw new RampartError('CONFIG_INVALID', '--port must be a number 0-65535');
  return n;
}

export async function serveCommand(o: ServeOptions, io: CliIo, stop?: Promise<void>): Promise<number> {
  const config = o.config ? loadGatewayConfig(o.config) : defaultGatewayConfig();
  const running = await startGateway(config, { host: o.host, port: parsePortOption(o.port) });
  const upstreams = config.upstreams.length
    ? config.upstreams.map((u) => u.name).join(', ')
    : 'rampart-local (built-in stand-in model; no upstream configured)';
  io.out(`rampart gateway listening on ${running.url}`);
  io.out(`  OpenAI base URL: ${running.url}/v1   upstreams: ${upstreams}`);
  if (config.server.dashboard) io.out(`  dashboard: ${running.url}/`);
  await (stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  await running.close();
  return 0;
}
