// The framing operators: pure for a PRNG state, keep the payload readable (and protected values intact),
// and split_halves' halves join back into the payload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAMINGS, FRAMING_NAMES } from '../../../src/redteam/mutators/framings.js';
import { isMutatorName } from '../../../src/redteam/mutators/index.js';
import { mulberry32 } from '../../../src/redteam/rng.js';

describe('framing operators', () => {
  it('are wrappers, distinct from the plan mutators', () => {
    expect(FRAMING_NAMES).toEqual([
      'role_play',
      'hypothetical',
      'translation_request',
      'split_halves',
      'polite_indirection',
      'fake_system_tag',
    ]);
    for (const n of FRAMING_NAMES) {
      expect(FRAMINGS[n].kind).toBe('wrapper');
      expect(FRAMINGS[n].name).toBe(n);
      expect(isMutatorName(n)).toBe(false);
    }
  });

  it('are deterministic and keep the payload (whole, or its two halves in order)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.integer(),
        fc.constantFrom(...FRAMING_NAMES),
        (text, seed, n) => {
          const payload = `${text} RTMARKER1234 ${text}`;
          const a = FRAMINGS[n].apply(payload, mulberry32(seed), ['RTMARKER1234']);
          expect(FRAMINGS[n].apply(payload, mulberry32(seed), ['RTMARKER1234'])).toBe(a);
          expect(a).toContain('RTMARKER1234');
          if (n !== 'split_halves') expect(a).toContain(payload);
          else {
            const m = /^Part one: ([\s\S]*)\nPart two: ([\s\S]*)\nJoin part one/u.exec(a)!;
            expect(m[1]! + m[2]!).toBe(payload);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
