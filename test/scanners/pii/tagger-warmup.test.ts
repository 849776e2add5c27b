import { describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { defaultPolicy } from '../../../src/policy/default-policy.js';
import { taggerLoaded } from '../../../src/scanners/pii/tagger.js';

// Its own file: the module state (loaded or not) is fresh here.
describe('pii token tagger loading', () => {
  it('is not loaded on import nor by a guard that turns it off, and is loaded when a default guard is built', async () => {
    expect(taggerLoaded()).toBe(false);
    const policy = defaultPolicy();
    const pii = (options: Record<string, unknown>) => ({
      ...policy,
      scanners: { ...policy.scanners, pii: { ...policy.scanners.pii!, options } },
    });
    createGuard(pii({ tagger: false }));
    createGuard(pii({ addresses: false })); // the default tagger mode finds addresses only: nothing to load
    expect(taggerLoaded()).toBe(false);
    const guard = createGuard(); // the default policy tags street addresses
    expect(taggerLoaded()).toBe(true);
    // So the first scan does not spend its time budget loading files (it was a scanner.error: BLOCK).
    const d = await guard.check('input', 'Thanks, Kwame Mensah');
    expect(d.findings.map((f) => f.category)).not.toContain('scanner.error');
  });
});
