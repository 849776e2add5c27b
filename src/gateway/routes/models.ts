// GET /v1/models: the models the gateway routes (each upstream's list, and rampart-local). After
// middleware/caller.ts: a keyed gateway lists them only to a caller with a key.
import type { Handler } from 'hono';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';

export const modelsRoute =
  (gw: Pick<GatewayContext, 'router'>): Handler<GatewayEnv> =>
  async (c) =>
    c.json({ object: 'list', data: await gw.router.listModels() });
