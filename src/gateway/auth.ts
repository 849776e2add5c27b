// Who is calling. With keys configured every request needs a valid virtual key (Authorization: Bearer,
// or the `api-key` header Azure-style clients send); without any keys the gateway runs in open mode,
// which it only allows on a loopback address (see server.ts).
import type { IncomingMessage } from 'node:http';
import type { Caller, GatewayContext } from './context.js';
import { GatewayError } from './http-errors.js';
import { effectiveLimits } from './limits/limiter.js';

/** Presented keys are short; a bound keeps hostile headers from costing hashing time. */
const MAX_KEY_CHARS = 512;

/** Reads one request header: a WHATWG Headers, or headerReader() over Node's parsed headers. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

/**
 * A HeaderSource over a Node request without building a WHATWG Headers (@hono/node-server builds one from
 * rawHeaders the first time `c.req.raw.headers` is read). Same answers as that Headers for what we read:
 * a header sent twice is joined with ", " — Node itself keeps only the first `authorization`, so for that
 * header the raw list is consulted, keeping a request with two keys ambiguous (and refused) as before.
 */
export function headerReader(incoming: IncomingMessage): HeaderSource {
  return {
    get(name) {
      if (name === 'authorization') {
        const raw = incoming.rawHeaders;
        let found: string | undefined;
        for (let i = 0; i < raw.length; i += 2) {
          const k = raw[i]!;
          if (k.length === 13 && k.toLowerCase() === 'authorization')
            found = found === undefined ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`;
        }
        return found;
      }
      const v = incoming.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function presentedKey(headers: HeaderSource): string | undefined {
  const auth = headers.get('authorization');
  if (auth) {
    const m = /^Bearer[ \t]+(\S{1,512})[ \t]*$/iu.exec(auth.slice(0, MAX_KEY_CHARS + 16));
    return m?.[1];
  }
  const apiKey = headers.get('api-key');
  return apiKey && apiKey.length <= MAX_KEY_CHARS ? apiKey.trim() : undefined;
}

const unauthorized = (message: string) =>
  new GatewayError({ status: 401, type: 'authentication_error', code: 'invalid_api_key', message });

export async function authenticate(
  gw: GatewayContext,
  headers: HeaderSource,
  keysRequired: boolean,
): Promise<Caller> {
  const key = presentedKey(headers);
  if (!keysRequired) return { limits: gw.config.limits };
  if (!key) throw unauthorized('missing API key: send "Authorization: Bearer <key>"');
  const record = await gw.keys.verify(key);
  if (!record) throw unauthorized('invalid or revoked API key');
  return {
    keyId: record.id,
    tenant: record.tenant,
    limits: effectiveLimits(gw.config.limits, record),
    ...(record.trust_client_roles ? { trustClientRoles: record.trust_client_roles } : {}),
    ...(record.spotlight ? { spotlight: record.spotlight } : {}),
  };
}
