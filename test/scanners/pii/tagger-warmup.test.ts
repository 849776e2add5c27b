import { describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { taggerLoaded } from '../../../src/scanners/pii/tagger.js';

// Its own file: the module state (loaded or not) is fresh here.
describe('pii token tagger loading', () => {
  it('is not loaded on import, and is loaded when a guard with the pii scanner is built', async () => {
    expect(taggerLoaded()).toBe(false);
    const guard = createGuard();
    expect(taggerLoaded()).toBe(true);
    // So the first scan does not spend its time budget loading files (it was a scanner.error: BLOCK).
    const d = await guard.check('input', 'Thanks, Kwame Mensah');
    expect(d.findings.map((f) => f.category)).not.toContain('scanner.error');
  });
});
