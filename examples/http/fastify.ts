// Fastify 5 app guarded by rampart/http. Run: npx tsx examples/http/fastify.ts
import Fastify from 'fastify';
import { createGuard } from 'rampart';
import { rampartFastify } from 'rampart/http';

const app = Fastify();
await app.register(async (scope) => {
  // Guards the routes of this scope only (register it at the root to guard every route).
  await scope.register(rampartFastify, { guard: createGuard(), field: 'prompt' });
  scope.post('/complete', (request) => ({ action: request.rampart?.decision.action }));
});
await app.listen({ port: Number(process.env.PORT ?? 3000) });
console.log('listening');
