// Who is calling. With keys configured every request needs a valid virtual key (Authorization: Bearer,
// or the `api-key` header Azure-style clients send); without any keys the gateway runs in open mode,
// which it only allows on a loopback address (see server.ts).
import type { Caller, GatewayContext } from './context.js';
import { GatewayError } from './http-errors.js';
import { effectiveLimits } from './limits/limiter.js';

/** Presented keys are short; a bound keeps hostile headers from costing hashing time. */
const MAX_KEY_CHARS = 512;

function presentedKey(headers: Headers): string | undefined {
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
  headers: Headers,
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
  };
}
