import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RAMPART_CODES, RampartError } from '../../src/core/errors.js';

describe('RampartError codes', () => {
  it('documents every code in docs/errors.md and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gmu)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...RAMPART_CODES].sort());
  });

  it('carries a stable code and a cause', () => {
    const cause = new Error('inner');
    const e = new RampartError('POLICY_INVALID', 'bad', { cause });
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('RampartError');
  });
});
