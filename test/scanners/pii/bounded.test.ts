// Regression guard for bounded work on hostile input; the figures themselves are in bench/pii.bench.ts.
// The budget here is looser than the 300 ms target so that a loaded CI machine does not flake.
import { describe, expect, it } from 'vitest';
import { scanPii } from '../../../src/scanners/pii.js';
import { hostileInputs } from '../../../bench/pii.bench.js';

describe('pii on 1 MiB hostile input', () => {
  for (const { name, text } of hostileInputs()) {
    it(`${name} finishes quickly`, () => {
      scanPii(text.slice(0, 4096));
      const t0 = performance.now();
      scanPii(text);
      expect(performance.now() - t0).toBeLessThan(1500);
    });
  }
});
