import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as lc from '../../../src/integrations/langchain/index.js';

describe('rampart/langchain public API', () => {
  it('exports the guard runnables, the callback handler and the typed error', () => {
    expect(typeof lc.rampartGuard).toBe('function');
    expect(typeof lc.withRampart).toBe('function');
    expect(new lc.RampartCallbackHandler().name).toBe('RampartCallbackHandler');
    expect(lc.DECISION_EVENT).toBe('rampart_decision');
    expect(lc.isRampartBlockedError(new Error('x'))).toBe(false);
  });

  it('only langgraph.ts (its own subpath) loads @langchain/langgraph', () => {
    const dir = new URL('../../../src/integrations/langchain/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'langgraph.ts'))
      expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toContain("'@langchain/langgraph'");
  });
});
