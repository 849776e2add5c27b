import { describe, expect, it } from 'vitest';
import * as http from '../../../src/integrations/http/index.js';

describe('rampart/http public API', () => {
  it('exports the adapters and the core check', () => {
    expect(typeof http.rampartExpress).toBe('function');
    expect(typeof http.rampartHono).toBe('function');
    expect(typeof http.rampartFastify).toBe('function');
    expect(typeof http.checkBody).toBe('function');
    expect(http.DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
  });
});

describe('rampart/http loads no framework', () => {
  it('adapters import only types from express, fastify and hono', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('../../../src/integrations/http/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const line of src.split('\n').filter((l) => /from '(express|fastify|hono)(\/.*)?'/.test(l)))
        expect(line, `${f}: ${line}`).toMatch(/^import type /);
    }
  });
});
