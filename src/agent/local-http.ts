// The agent layer's small local HTTP servers (the MCP proxy over HTTP, the approval API) listen the same way:
// on one host, refusing any request whose Host header does not name the address they listen on (so a web page
// cannot reach them through DNS rebinding), answering 500 when a handler throws, closing every connection on
// close. One copy of that here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RampartError } from '../core/errors.js';

export interface LocalHttpOptions {
  host: string;
  port?: number;
  /** Names the server in the error when it cannot listen, e.g. 'approval API'. */
  what: string;
  /** Writes an error answer in the server's own format. */
  reply(res: ServerResponse, status: number, message: string): void;
}

export interface LocalHttpServer {
  /** http://host:port, an IPv6 host in brackets. */
  origin: string;
  close(): Promise<void>;
}

/** The Host header values that name `host:port`; a loopback address also answers to the other loopback names. */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const shown = host.includes(':') ? `[${host}]` : host;
  const allowed = new Set([`${shown}:${port}`.toLowerCase()]);
  if (['127.0.0.1', '::1', 'localhost'].includes(host))
    for (const h of ['127.0.0.1', 'localhost', '[::1]']) allowed.add(`${h}:${port}`);
  return allowed;
}

export async function listenLocal(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: LocalHttpOptions,
): Promise<LocalHttpServer> {
  let allowed = new Set<string>();
  const http = createServer((req, res) => {
    if (!allowed.has(String(req.headers.host ?? '').toLowerCase()))
      return options.reply(res, 403, 'host not allowed');
    handle(req, res).catch(() => {
      if (!res.headersSent) options.reply(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    http.once('error', (cause) =>
      reject(
        new RampartError(
          'CONFIG_INVALID',
          `${options.what} cannot listen on ${options.host}:${options.port ?? 0}`,
          {
            cause,
          },
        ),
      ),
    );
    http.listen(options.port ?? 0, options.host, () => resolveListen());
  });
  const port = (http.address() as AddressInfo).port;
  allowed = allowedHostHeaders(options.host, port);
  return {
    origin: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
