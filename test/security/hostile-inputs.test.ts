// Bounded work on hostile input: every 1 MiB shape that makes naive canonicalizers, regexes or link
// parsers blow up goes through the whole guard (every scanner, collect_all) at the input and the output
// stage. No timing assertion here (figures live in `npm run bench`); a quadratic path on 1 MiB takes
// minutes, so the test timeout is the guard, and the outputs must stay sane.
import { describe, expect, it } from 'vitest';
import { adversarialInputs, linkHostileInputs } from '../../bench/corpus.js';
import { hostileInputs as piiHostile } from '../../bench/pii.bench.js';
import { hostileSecretInputs } from '../../bench/secrets.bench.js';
import { createGuard } from '../../src/policy/create-guard.js';
import { SCANNER_IDS } from '../../src/scanners/registry.js';

const base = createGuard().policy;
const everything = createGuard({
  ...base,
  collect_all: true,
  limits: { max_input_bytes: 4 * 1024 * 1024 },
  // Generous budgets: this test is about finishing and staying sane, not about speed.
  scanners: Object.fromEntries(
    SCANNER_IDS.map((id) => [
      id,
      {
        ...(base.scanners[id] ?? {}),
        threshold: 0,
        fail_open: false,
        timeout_ms: 30_000,
        options: base.scanners[id]?.options ?? {},
      },
    ]),
  ),
  stages: {
    input: { scanners: ['injection-rules', 'injection-model', 'secrets', 'pii'], actions: {} },
    output: { scanners: ['secrets', 'pii', 'canary', 'system-prompt-leak', 'exfil-links'], actions: {} },
  },
});

const inputs = [...adversarialInputs(), ...linkHostileInputs(), ...piiHostile(), ...hostileSecretInputs()];

describe('guard on 1 MiB hostile inputs', () => {
  for (const { name, text } of inputs) {
    it(`${name}: both stages finish with bounded, in-range findings`, async () => {
      for (const stage of ['input', 'output'] as const) {
        const d = await everything.check(stage, text, {
          canaries: ['rmp-abcdefghjkmnpqrs'],
          systemPrompts: ['You are a helpful assistant for Example Corp.'],
        });
        expect(d.findings.filter((f) => f.category === 'scanner.error')).toEqual([]);
        expect(d.findings.length).toBeLessThan(50_000);
        for (const f of d.findings) {
          if (!f.span) continue;
          expect(f.span[0]).toBeGreaterThanOrEqual(0);
          expect(f.span[1]).toBeLessThanOrEqual(text.length);
        }
      }
    }, 60_000);
  }
});
