// The dashboard shows key ids, tenants and categories (never text). In open mode (loopback, no keys) it
// is open like the API; once keys exist it needs HTTP Basic auth with the password from the environment
// variable `server.admin_password_env`, and without one it is off — fail closed. Requests from another
// web origin are refused in both modes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { errorResponse } from '../http-errors.js';
import { originRefused, requestHeader, requestHost, sameOrigin } from '../request-origin.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** After middleware/key-mode.ts (without it, keys count as required: the password is asked for). */
export function dashboardGuard(gw: Pick<GatewayContext, 'config'>) {
  return createMiddleware<GatewayEnv>(async (c, next) => {
    // The page only ever talks to its own origin; another site's script (a browser that still holds the
    // Basic credentials sends them along) is refused whatever the mode.
    if (!sameOrigin(requestHeader(c, 'origin'), requestHost(c))) return originRefused();
    if (c.get('keysRequired') === false) return next();
    const envName = gw.config.server.admin_password_env;
    const password = envName ? process.env[envName] : undefined;
    if (!password)
      return errorResponse({
        status: 403,
        type: 'authentication_error',
        code: 'dashboard_disabled',
        message: 'API keys are configured: the dashboard needs server.admin_password_env to be set',
      });
    const header = c.req.header('authorization') ?? '';
    const m = /^Basic[ ]+([A-Za-z0-9+/=]{1,1024})$/u.exec(header);
    const given = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    const pass = given.includes(':') ? given.slice(given.indexOf(':') + 1) : '';
    // Compare fixed-length digests so the comparison time says nothing about the password.
    if (!timingSafeEqual(digest(pass), digest(password)))
      return new Response('authentication required', {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="rampart", charset="UTF-8"' },
      });
    return next();
  });
}
