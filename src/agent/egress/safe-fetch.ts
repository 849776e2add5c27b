// The egress-controlled fetch for agent tools. Every hop (the first URL and each redirect) goes through
// the same checks — scheme, credentials, port, host lists, then the resolved address — before a
// connection is opened, and the connection is pinned to the checked address. One deadline covers the
// whole call (DNS, every hop, the body); the body is capped while it streams. Every decision is logged
// through `log` with a redacted URL; bodies, query strings and credentials are never logged.
import { validateHeaderName, validateHeaderValue, type IncomingHttpHeaders } from 'node:http';
import { RampartError } from '../../core/errors.js';
import { parseCidr, type Cidr } from './addresses.js';
import { EgressError, denied, limited, type EgressDenyReason } from './errors.js';
import { redactUrl, type EgressEvent, type EgressLog } from './log.js';
import { EgressPolicy, type EgressPolicyInput } from './policy.js';
import { requestHop, REDIRECT_STATUSES } from './request.js';
import { resolvePinned, systemResolver, type Resolver } from './resolve.js';
import { checkTarget, type CompiledPolicy, type Target } from './target.js';

export interface SafeFetchOptions {
  /** Name → addresses. Default: the system resolver (dns.lookup, all addresses). */
  resolver?: Resolver;
  /** Receives one event per decision. A throwing logger is ignored (it must not change the decision). */
  log?: EgressLog;
  /** Clock for the `ms` field of events. Default Date.now. */
  now?: () => number;
}

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** 'text' (default): the body decoded as UTF-8. 'buffer': the raw bytes. */
  responseType?: 'text' | 'buffer';
}

export interface SafeResponse<B extends Buffer | string = Buffer | string> {
  status: number;
  headers: IncomingHttpHeaders;
  /** The final URL (after redirects), credentials removed. */
  url: string;
  body: B;
  /** Each redirect target followed, in order. */
  redirects: string[];
}

export interface SafeFetch {
  (url: string | URL, init: SafeFetchInit & { responseType: 'buffer' }): Promise<SafeResponse<Buffer>>;
  (url: string | URL, init?: SafeFetchInit & { responseType?: 'text' }): Promise<SafeResponse<string>>;
  (url: string | URL, init?: SafeFetchInit): Promise<SafeResponse>;
  readonly policy: EgressPolicy;
}

/** Headers the caller may not set: framing and routing are ours, and compression would defeat the size cap. */
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'accept-encoding',
  'proxy-authorization',
  'proxy-connection',
]);
/** Dropped when a redirect leaves the origin the caller addressed. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function createSafeFetch(
  policyInput: EgressPolicyInput | EgressPolicy,
  opts: SafeFetchOptions = {},
): SafeFetch {
  const parsed = EgressPolicy.safeParse(policyInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RampartError(
      'CONFIG_INVALID',
      `egress policy: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const policy: CompiledPolicy = {
    ...parsed.data,
    cidrs: parsed.data.allow_addresses.map((c) => parseCidr(c) as Cidr),
  };
  const resolver = opts.resolver ?? systemResolver;
  const now = opts.now ?? Date.now;
  const emit = (e: EgressEvent) => {
    try {
      opts.log?.(e);
    } catch {
      // A broken logger must not turn a deny into an allow or vice versa.
    }
  };

  async function safeFetch(url: string | URL, init: SafeFetchInit = {}): Promise<SafeResponse> {
    const started = now();
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(limited('time', `request took longer than ${policy.timeout_ms} ms`)),
      policy.timeout_ms,
    );
    const redirects: string[] = [];
    let hop = 0;
    let at: { url: string; host: string; address?: string; credentials_stripped?: boolean } = {
      url: redactUrl(url),
      host: '',
    };
    const event = (e: Omit<EgressEvent, 'url' | 'host' | 'hop' | 'ms'>) =>
      emit({ ...at, hop, ms: now() - started, ...e });
    try {
      let method = normalizeMethod(init.method);
      let headers = sanitizeHeaders(init.headers);
      let body = init.body === undefined ? undefined : Buffer.from(init.body);
      if (body && body.length > policy.max_request_bytes) {
        throw limited('size', `request body is larger than ${policy.max_request_bytes} bytes`);
      }
      let target = checkTarget(url, policy);
      let pinned: string | undefined;
      for (;;) {
        at = {
          url: redactUrl(target.url),
          host: target.host,
          credentials_stripped: target.credentialsStripped || undefined,
        };
        if (!policy.methods.includes(method)) throw denied('method', `method ${method} is not allowed`);
        const address =
          pinned ?? target.literal ?? (await resolvePinned(target.host, policy, resolver, controller.signal));
        at.address = address;
        const res = await requestHop({
          target,
          address,
          method,
          headers: {
            ...headers,
            'accept-encoding': 'identity',
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          body,
          maxBytes: policy.max_response_bytes,
          signal: controller.signal,
        });
        event({ decision: 'allow', status: res.status, bytes: res.body.length });
        if (!REDIRECT_STATUSES.has(res.status) || res.headers.location === undefined) {
          return {
            status: res.status,
            headers: res.headers,
            url: target.url.href,
            body: init.responseType === 'buffer' ? res.body : res.body.toString('utf8'),
            redirects,
          };
        }
        if (redirects.length >= policy.max_redirects) {
          throw limited('redirects', `more than ${policy.max_redirects} redirects`);
        }
        hop += 1;
        at = { url: redactUrl(res.headers.location, target.url), host: '' };
        const next = await redirectTarget(res.headers.location, target, policy, resolver, controller.signal);
        pinned = next.pinned;
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
          headers = withoutHeaders(headers, ['content-type']);
        }
        if (next.url.origin !== target.url.origin) headers = withoutHeaders(headers, ORIGIN_BOUND_HEADERS);
        redirects.push(next.url.href);
        target = next;
      }
    } catch (e) {
      const err = controller.signal.aborted && !(e instanceof EgressError) ? controller.signal.reason : e;
      if (err instanceof EgressError) {
        event({ decision: err.code === 'EGRESS_DENIED' ? 'deny' : 'limit', reason: err.reason });
      } else {
        event({ decision: 'error', error: err instanceof RampartError ? err.code : 'UNKNOWN' });
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
  return Object.assign(safeFetch, { policy: parsed.data }) as SafeFetch;
}

/** A redirect target passes every check a first URL does; a failure is reported as redirect_to_denied. */
async function redirectTarget(
  location: string,
  from: Target,
  policy: CompiledPolicy,
  resolver: Resolver,
  signal: AbortSignal,
): Promise<Target & { pinned: string }> {
  try {
    const next = checkTarget(location, policy, from.url);
    // Resolved (and checked) here, so a denied redirect fails before any connection; the hop then
    // connects to exactly this address.
    const pinned = next.literal ?? (await resolvePinned(next.host, policy, resolver, signal));
    return { ...next, pinned };
  } catch (e) {
    if (e instanceof EgressError && e.code === 'EGRESS_DENIED') {
      throw new EgressError(
        'EGRESS_DENIED',
        'redirect_to_denied',
        `redirect refused: ${e.message}`,
        e.reason as EgressDenyReason,
      );
    }
    throw e;
  }
}

function normalizeMethod(m: string | undefined): string {
  const method = (m ?? 'GET').toUpperCase();
  if (!/^[A-Z]{1,16}$/u.test(method)) throw new RampartError('INPUT_INVALID', 'method must be 1-16 letters');
  return method;
}

function sanitizeHeaders(input: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(input ?? {})) {
    const name = rawName.toLowerCase();
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new RampartError(
        'INPUT_INVALID',
        `invalid request header "${name.slice(0, 64).replace(/[^\x21-\x7e]/gu, '?')}"`,
      );
    }
    if (RESERVED_HEADERS.has(name)) continue;
    out[name] = value;
  }
  return out;
}

const withoutHeaders = (h: Record<string, string>, names: readonly string[]) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k)));
