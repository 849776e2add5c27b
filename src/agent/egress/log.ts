// One event per egress decision. URLs are logged without credentials, query or fragment: a query
// string is where a prompt-injected agent puts the data it exfiltrates, so it is replaced by a short
// hash (enough to correlate repeated requests, useless for reading the data back). Bodies are never logged.
import { createHash } from 'node:crypto';
import type { EgressReason } from './errors.js';

export interface EgressEvent {
  /** scheme://host:port/path with `?#<hash>` in place of a query; credentials removed. */
  url: string;
  host: string;
  /** The pinned address the connection went (or would have gone) to. */
  address?: string;
  /** 0 for the first request, n for the n-th redirect. */
  hop: number;
  /** allow: a response came back; deny/limit: refused (reason says why); error: the request failed (code). */
  decision: 'allow' | 'deny' | 'limit' | 'error';
  reason?: EgressReason;
  /** For decision 'error': the RampartError code (e.g. UPSTREAM_UNAVAILABLE). */
  error?: string;
  /** true when `user:pass@` was removed from the URL before sending. */
  credentials_stripped?: boolean;
  status?: number;
  bytes?: number;
  ms: number;
}

export type EgressLog = (event: EgressEvent) => void;

const MAX_LOGGED_PATH = 256;

/** Log-safe form of a URL (never throws; a string that is not a URL becomes '<invalid url>'). */
export function redactUrl(input: string | URL, base?: URL): string {
  let u: URL;
  try {
    u = new URL(String(input), base);
  } catch {
    return '<invalid url>';
  }
  const path = u.pathname.length > MAX_LOGGED_PATH ? `${u.pathname.slice(0, MAX_LOGGED_PATH)}…` : u.pathname;
  const query = u.search ? `?#${createHash('sha256').update(u.search).digest('hex').slice(0, 12)}` : '';
  return `${u.protocol}//${u.host}${path}${query}`;
}
