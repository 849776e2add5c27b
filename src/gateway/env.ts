// The gateway's Hono environment: what the middleware in middleware/ sets on a request's context, typed, so
// a route reads `c.get('caller')` instead of authenticating again, and nothing keys a side table by Context.
import type { IncomingMessage } from 'node:http';
import type { Caller } from './context.js';

export interface GatewayVariables {
  /** Whether requests need an API key (middleware/key-mode.ts, on every request). */
  keysRequired: boolean;
  /** The authenticated caller (middleware/caller.ts, on the API routes). */
  caller: Caller;
  /** Hands the request's count to a stream that ends after its handler returned (middleware/request-metrics.ts). */
  deferCount: () => (status: number) => void;
  /** Set once a request has a decision: a later failure's error response and log line name it. */
  decision: { id: string; upstream?: string } | undefined;
}

export interface GatewayEnv {
  /** @hono/node-server's bindings (absent for an in-process `app.request`). */
  Bindings: { incoming?: IncomingMessage };
  Variables: GatewayVariables;
}
