// GET /healthz: the process answers (liveness; no dependency is asked).
import type { Handler } from 'hono';
import type { GatewayEnv } from '../env.js';

export const healthzRoute = (): Handler<GatewayEnv> => (c) => c.json({ status: 'ok' });
