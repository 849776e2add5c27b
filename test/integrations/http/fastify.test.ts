import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { rampartFastify } from '../../../src/integrations/http/fastify.js';
import { httpCases } from './cases.js';

describe('rampartFastify (Fastify 5, real server)', () => {
  let app: FastifyInstance;
  let base = '';
  beforeAll(async () => {
    const guard = createGuard();
    app = Fastify();
    await app.register(async (scope) => {
      await scope.register(rampartFastify, { guard, maxBodyBytes: 4096 });
      scope.post('/chat', (request) => {
        const d = request.rampart!.decision;
        const body = request.body as { messages: { role: string }[] };
        return { action: d.action, stage: d.stage, roles: body.messages.map((m) => m.role) };
      });
    });
    await app.register(async (scope) => {
      await scope.register(rampartFastify, { guard, field: 'prompt' });
      scope.post('/complete', () => ({ ok: true }));
    });
    await app.register(async (scope) => {
      await scope.register(rampartFastify, { guard, onInvalid: 'pass' });
      scope.post('/lenient', (request) => ({ decided: request.rampart !== undefined }));
    });
    app.post('/outside', (request) => ({ decided: request.rampart !== undefined, body: request.body }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  httpCases(() => base, 'fastify', { tooLargeCode: 'FST_ERR_CTP_BODY_TOO_LARGE' });

  it('fastify: routes outside the registering scope are not guarded (encapsulation)', async () => {
    const r = await fetch(base + '/outside', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ decided: false, body: { a: 1 } });
  });
});
