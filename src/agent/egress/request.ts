// One HTTP exchange to an address that has already been checked. The connection is pinned: the
// `lookup` hook hands node the checked address instead of asking DNS again (so DNS rebinding between
// check and connect cannot happen), and the socket's peer address is verified once connected. Host
// header and TLS SNI/certificate checks still use the host name. No connection pool (`agent: false`):
// a pooled socket is keyed by host name, and could belong to a different policy's earlier pin.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { RampartError } from '../../core/errors.js';
import { parseIp } from './addresses.js';
import { limited } from './errors.js';
import type { Target } from './target.js';

export interface HopRequest {
  target: Target;
  /** The checked address to connect to. */
  address: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  maxBytes: number;
  signal: AbortSignal;
}

export interface HopResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Empty for redirect responses (their body is discarded unread). */
  body: Buffer;
}

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const sameAddress = (a: string | undefined, b: string) =>
  a !== undefined && parseIp(a)?.toString() === parseIp(b)?.toString();

export function requestHop(hop: HopRequest): Promise<HopResponse> {
  const { target, address, signal } = hop;
  const family = isIP(address) || 4;
  const pinnedLookup: LookupFunction = (_host, options, cb) => {
    if (options.all)
      (cb as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const secure = target.url.protocol === 'https:';
  return new Promise<HopResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(e);
    };
    if (signal.aborted) return reject(signal.reason);
    const options: https.RequestOptions = {
      host: target.literal ?? target.connectHost,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: hop.method,
      headers: hop.headers,
      agent: false,
      lookup: pinnedLookup,
      ...(secure && !target.literal ? { servername: target.connectHost } : {}),
    };
    const req = (secure ? https : http).request(options);
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', onAbort));
    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        // Belt and braces: the pin must have held whatever path node took to connect.
        if (!sameAddress(socket.remoteAddress, address)) {
          fail(
            new RampartError('UPSTREAM_ERROR', 'connection went to an address other than the checked one'),
          );
        }
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return fail(signal.reason);
      const code = typeof err.code === 'string' ? err.code : 'unknown';
      fail(
        new RampartError(
          code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
            ? 'UPSTREAM_UNAVAILABLE'
            : 'UPSTREAM_ERROR',
          `request to ${target.host} failed (${code})`,
          { cause: err },
        ),
      );
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) && res.headers.location !== undefined) {
        res.destroy();
        settled = true;
        req.destroy();
        return resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > hop.maxBytes) {
        res.destroy();
        return fail(
          limited('size', `response from ${target.host} declares ${declared} bytes (limit ${hop.maxBytes})`),
        );
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > hop.maxBytes) {
          res.destroy();
          return fail(limited('size', `response from ${target.host} exceeded ${hop.maxBytes} bytes`));
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks, total) });
      });
      res.on('error', (err) => fail(signal.aborted ? signal.reason : err));
      res.on('close', () => {
        if (!res.complete)
          fail(
            signal.aborted
              ? signal.reason
              : new RampartError('UPSTREAM_BAD_RESPONSE', `response from ${target.host} ended early`),
          );
      });
    });
    req.end(hop.body);
  });
}
