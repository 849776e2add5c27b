import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { rampartExpress } from '../../../src/integrations/http/express.js';
import { httpCases } from './cases.js';

describe('rampartExpress (Express 5, real server)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const guard = createGuard();
    const app = express();
    app.post('/chat', rampartExpress({ guard, maxBodyBytes: 4096 }), (req, res) => {
      const d = req.rampart!.decision;
      const body = req.body as { messages: { role: string }[] };
      res.json({ action: d.action, stage: d.stage, roles: body.messages.map((m) => m.role) });
    });
    app.post('/complete', rampartExpress({ guard, field: 'prompt' }), (_req, res) => {
      res.json({ ok: true });
    });
    app.post('/lenient', rampartExpress({ guard, onInvalid: 'pass' }), (req, res) => {
      res.json({ decided: req.rampart !== undefined });
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  httpCases(() => base, 'express');
});
