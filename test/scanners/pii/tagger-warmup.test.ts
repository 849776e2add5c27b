import { describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { defaultPolicy } from '../../../src/policy/default-policy.js';
import { taggerLoaded } from '../../../src/scanners/pii/tagger.js';

// Its own file: the module state (loaded or not) is fresh here.
describe('pii token tagger loading', () => {
  it('is not loaded on import nor by a default guard, and is loaded when a guard that turns it on is built', async () => {
    expect(taggerLoaded()).toBe(false);
    createGuard();
    expect(taggerLoaded()).toBe(false); // opt-in: the default policy leaves it off
    const policy = defaultPolicy();
    const guard = createGuard({
      ...policy,
      scanners: { ...policy.scanners, pii: { ...policy.scanners.pii!, options: { tagger: true } } },
    });
    expect(taggerLoaded()).toBe(true);
    // So the first scan does not spend its time budget loading files (it was a scanner.error: BLOCK).
    const d = await guard.check('input', 'Thanks, Kwame Mensah');
    expect(d.findings.map((f) => f.category)).not.toContain('scanner.error');
  });
});
