import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { rampartHono, type RampartHonoEnv } from '../../../src/integrations/http/hono.js';
import { httpCases } from './cases.js';

describe('rampartHono (real server)', () => {
  let server: ServerType;
  let base = '';
  beforeAll(async () => {
    const guard = createGuard();
    const app = new Hono<RampartHonoEnv>();
    app.post('/chat', rampartHono({ guard, maxBodyBytes: 4096 }), (c) => {
      const info = c.get('rampart')!;
      const body = info.body as { messages: { role: string }[] };
      return c.json({
        action: info.decision.action,
        stage: info.decision.stage,
        roles: body.messages.map((m) => m.role),
      });
    });
    app.post('/complete', rampartHono({ guard, field: 'prompt' }), (c) => c.json({ ok: true }));
    app.post('/lenient', rampartHono({ guard, onInvalid: 'pass' }), (c) =>
      c.json({ decided: c.get('rampart') !== undefined }),
    );
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  httpCases(() => base, 'hono');
});
