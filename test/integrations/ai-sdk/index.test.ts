import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as aiSdk from '../../../src/integrations/ai-sdk/index.js';

describe('rampart/ai-sdk public API', () => {
  it('exports the middleware, the prompt labelling and the typed error', () => {
    expect(typeof aiSdk.rampartMiddleware).toBe('function');
    expect(typeof aiSdk.promptSegments).toBe('function');
    expect(aiSdk.rampartMiddleware().specificationVersion).toBe('v4');
    expect(aiSdk.isRampartBlockedError(new Error('x'))).toBe(false);
  });

  it('imports only types from ai (an optional peer dependency)', () => {
    const dir = new URL('../../../src/integrations/ai-sdk/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const line of src.split('\n').filter((l) => /from 'ai(\/.*)?'/u.test(l)))
        expect(line, `${f}: ${line}`).toMatch(/^import type /u);
    }
  });
});
