// The wire under the HTTP upstream: node:http / node:https requests over a keep-alive Agent per
// upstream. Global fetch (undici + web streams) cost about a quarter of the gateway's CPU per request in
// the benchmark profile; a plain request on a pooled socket costs a fraction of that. Same guarantees:
// never follows a redirect (node:http does not), every body read is bounded, and an abort (our timer or
// the caller) destroys the request and its response at once, so nothing waits on a stalled socket.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Sockets kept per upstream: enough for heavy concurrency, bounded so a slow upstream cannot make us
 *  open unbounded connections (requests beyond it queue in the Agent, still under their timeouts). */
export const MAX_SOCKETS_PER_UPSTREAM = 256;
const MAX_FREE_SOCKETS = 64;
/** A pooled socket idle this long is closed by us, before a typical 5 s server keep-alive timeout can close
 *  it just as we reuse it (that race would surface as a reset). With it set, the Agent also honours a
 *  shorter `Keep-Alive: timeout=` hint from the server. Idle sockets only: a slow stream is unaffected. */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

export interface Transport {
  /** POSTs `body`; resolves with the response head. `attempt` aborts it (and later its body). */
  post(
    path: string,
    headers: Record<string, string>,
    body: Buffer,
    attempt: Attempt,
  ): Promise<IncomingMessage>;
  /** GETs `path` (the model list); otherwise as post. */
  get(path: string, headers: Record<string, string>, attempt: Attempt): Promise<IncomingMessage>;
}

/** One try at a request: aborted by our timer or by the caller; destroys whatever is in flight. */
export class Attempt {
  aborted = false;
  reason: unknown;
  private onAbort: (() => void) | undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const f = this.onAbort;
    this.onAbort = undefined;
    f?.();
  }
  /** Registers what to destroy on abort (one at a time: the request, then its response). */
  setOnAbort(f: (() => void) | undefined): void {
    this.onAbort = f;
  }
}

export function createTransport(baseUrl: string): Transport {
  const base = new URL(baseUrl);
  const https = base.protocol === 'https:';
  const agentOpts = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS_PER_UPSTREAM,
    maxFreeSockets: MAX_FREE_SOCKETS,
    timeout: FREE_SOCKET_TIMEOUT_MS,
  };
  const agent = https ? new HttpsAgent(agentOpts) : new HttpAgent(agentOpts);
  const send = https ? httpsRequest : httpRequest;
  const basePath = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  const hostname = base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname;
  const port = base.port === '' ? undefined : Number(base.port);

  const call = (
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    attempt: Attempt,
  ) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      if (attempt.aborted) return reject(attempt.reason);
      const req = send({
        protocol: base.protocol,
        hostname,
        port,
        path: `${basePath}${path}${base.search}`,
        method,
        headers: body ? { ...headers, 'content-length': String(body.byteLength) } : headers,
        agent,
      });
      attempt.setOnAbort(() => {
        req.destroy();
        reject(attempt.reason);
      });
      req.on('error', reject);
      req.once('response', (res) => {
        attempt.setOnAbort(() => res.destroy());
        resolve(res);
      });
      req.end(body);
    });

  return {
    post: (path, headers, body, attempt) => call('POST', path, headers, body, attempt),
    get: (path, headers, attempt) => call('GET', path, headers, undefined, attempt),
  };
}

/**
 * Reads a whole body, at most `limit` bytes (the response is destroyed past it). Rejects when the
 * connection drops before the end (reset mid-body) or the attempt is aborted.
 */
export function readBody(res: IncomingMessage, limit: number, tooBig: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      res.destroy();
      reject(e);
    };
    res.on('data', (c: Buffer) => {
      if (settled) return;
      size += c.byteLength;
      if (size > limit) return fail(tooBig());
      parts.push(c);
    });
    res.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    });
    res.on('error', fail);
    res.once('close', () => fail(new Error('upstream connection closed before the end of the body')));
  });
}

/**
 * Pull-style chunk reader for a streamed body. `next()` resolves a chunk, or null at the clean end, and
 * rejects when the connection drops early or the response is destroyed (abort, timeout).
 */
export function chunkReader(res: IncomingMessage): { next(): Promise<Buffer | null> } {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown;
  let waiting: { resolve: (c: Buffer | null) => void; reject: (e: unknown) => void } | undefined;
  const wake = () => {
    const w = waiting;
    if (!w) return;
    if (queue.length > 0) {
      waiting = undefined;
      w.resolve(queue.shift()!);
    } else if (failure !== undefined) {
      waiting = undefined;
      w.reject(failure);
    } else if (ended) {
      waiting = undefined;
      w.resolve(null);
    }
  };
  res.on('data', (c: Buffer) => {
    queue.push(c);
    // Backpressure: hold the socket while the consumer has not taken what we have.
    res.pause();
    wake();
  });
  res.once('end', () => {
    ended = true;
    wake();
  });
  const onFail = (e: unknown) => {
    if (ended || failure !== undefined) return;
    failure = e;
    wake();
  };
  res.on('error', onFail);
  res.once('close', () => onFail(new Error('upstream connection closed before the end of the stream')));
  return {
    next() {
      if (queue.length > 0) {
        const c = queue.shift()!;
        return Promise.resolve(c);
      }
      if (failure !== undefined) return Promise.reject(failure);
      if (ended) return Promise.resolve(null);
      res.resume();
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
  };
}
