// Hono app guarded by rampart/http. Run: npx tsx examples/http/hono.ts
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createGuard } from 'rampart';
import { rampartHono, type RampartHonoEnv } from 'rampart/http';

const app = new Hono<RampartHonoEnv>();
app.post('/chat', rampartHono({ guard: createGuard() }), (c) => {
  const info = c.get('rampart'); // { decision, body }: the stream is consumed, the parsed body is here
  return c.json({ action: info?.decision.action });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, () => console.log('listening'));
