// Who may talk to a keyless gateway from a browser: nobody but its own pages. Without API keys the
// gateway trusts anything that reaches it on loopback, and a web page the user opens can reach loopback
// too. Two ways in are closed here (the third, a body a page may POST without a preflight, is closed by
// json-media-type.ts):
// - DNS rebinding: attacker.example resolves to 127.0.0.1 after the page loads, so the page's requests are
//   "same origin" for the browser and it can read the answers. They still carry `Host: attacker.example`,
//   so a keyless gateway answers only requests that name it by a loopback name (or server.allowed_hosts).
// - A cross-origin request the browser sends anyway: the answer is unreadable without CORS headers (the
//   gateway never sends any), but it has already done its work; refused when its Origin is another site.
// With keys, the key authenticates and any Host is fine (a load balancer's name, a pod IP).
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { headerReader, type HeaderSource } from './auth.js';
import type { GatewayEnv } from './env.js';
import { errorResponse } from './http-errors.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Node request under a Hono context when served by @hono/node-server (undefined otherwise). */
export const incomingOf = (c: Context): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** Request headers without building a WHATWG Headers when the Node request is at hand. */
export function requestHeaders(c: Context): HeaderSource {
  const incoming = incomingOf(c);
  return incoming ? headerReader(incoming) : c.req.raw.headers;
}

/** A request header, read from Node's parsed headers when the app is served by @hono/node-server. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The Host a request names (header, else its URL's, for an in-process request), lower case. */
export function requestHost(c: Context): string {
  return (requestHeader(c, 'host') ?? new URL(c.req.url).host).toLowerCase();
}

/** The name part of a Host value (`[::1]:8787` → `[::1]`), or undefined when it is not a valid host. */
export function hostName(host: string): string | undefined {
  let name: string;
  let rest: string;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    name = host.slice(0, end + 1);
    rest = host.slice(end + 1);
  } else {
    const colon = host.indexOf(':');
    name = colon < 0 ? host : host.slice(0, colon);
    rest = colon < 0 ? '' : host.slice(colon);
  }
  if (rest !== '' && !/^:[0-9]{1,5}$/u.test(rest)) return undefined;
  if (name.endsWith('.')) name = name.slice(0, -1); // "localhost." is localhost
  return name === '' ? undefined : name.toLowerCase();
}

/** False when an Origin header names another site than the Host the request was sent to. An absent
 *  Origin is fine: browsers send one on every cross-origin fetch, and non-browser clients need none. */
export function sameOrigin(origin: string | undefined, host: string): boolean {
  if (origin === undefined) return true;
  try {
    // "null" (a sandboxed frame, a file: page) does not parse as a URL: refused.
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const originRefused = () =>
  errorResponse({
    status: 403,
    type: 'invalid_request_error',
    code: 'origin_not_allowed',
    message: 'requests from another web origin are refused',
  });

/** Mounted on every route, after middleware/key-mode.ts: in keyless mode, a Host that is not a loopback name
 *  (or allowed_hosts) and a cross-origin Origin are refused before any other work. Without key mode set, the
 *  request is treated as keyless (the stricter check). */
export function keylessBrowserGuard(allowedHosts: readonly string[]) {
  const allowed = new Set([...LOOPBACK_NAMES, ...allowedHosts.map((h) => hostName(h.toLowerCase()) ?? h)]);
  return createMiddleware<GatewayEnv>(async (c, next) => {
    if (c.get('keysRequired') === true) return next();
    const host = requestHost(c);
    const name = hostName(host);
    if (name === undefined || !allowed.has(name))
      return errorResponse({
        status: 403,
        type: 'invalid_request_error',
        code: 'host_not_allowed',
        message:
          'without API keys the gateway answers only requests addressed to 127.0.0.1, localhost or [::1] ' +
          '(add other names to server.allowed_hosts)',
      });
    if (!sameOrigin(requestHeader(c, 'origin'), host)) return originRefused();
    return next();
  });
}
