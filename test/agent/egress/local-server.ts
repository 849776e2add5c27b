// Real HTTP servers on loopback for the egress tests, recording every request they receive.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

export function startServer(handler: Handler, host = '127.0.0.1', port = 0): Promise<LocalServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(s);
      handler(req, res, s);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        seen,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A server on 127.0.0.1 and another on [::1] with the SAME port (so one URL could reach either). */
export async function startPair(v4: Handler, v6: Handler): Promise<{ v4: LocalServer; v6: LocalServer }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const a = await startServer(v4, '127.0.0.1');
    try {
      const b = await startServer(v6, '::1', a.port);
      return { v4: a, v6: b };
    } catch {
      await a.close();
    }
  }
  throw new Error('could not bind the same port on 127.0.0.1 and ::1');
}

export const ok: Handler = (_req, res) => res.end('ok');
