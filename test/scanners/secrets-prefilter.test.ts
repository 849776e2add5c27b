// The lowercase prefilter scan must pick exactly the rules (in the same order) the case-insensitive scan picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeRules, activeRulesCaseInsensitive } from '../../src/scanners/secrets.js';
import { SECRET_RULES } from '../../src/scanners/secrets/rules.js';

const ANCHORS = [...new Set(SECRET_RULES.flatMap((r) => r.anchors))];
const ids = (rules: Iterable<{ id: string }>): string[] => [...rules].map((r) => r.id);

const piece = fc.oneof(
  fc.constantFrom(...ANCHORS),
  fc.constantFrom(...ANCHORS).map((a) => a.toUpperCase()),
  fc.constantFrom(...ANCHORS).map((a) => a.replace(/k/g, '\u212a')), // KELVIN SIGN lowercases to k
  fc.constantFrom('\u0130', 'ſ', 'ı', 'K', 'é', ' ', '=', 'task-ant', 'Bearer '),
  fc.string({ maxLength: 5 }),
);

describe('secrets prefilter on lowercase text', () => {
  it('activates the same rules in the same order as the case-insensitive scan', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(ids(activeRules(text))).toEqual(ids(activeRulesCaseInsensitive(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles each anchor in every case and next to the characters that change under lowercasing', () => {
    for (const a of ANCHORS) {
      for (const text of [a, a.toUpperCase(), `\u0130${a}`, `${a}\u212a`, `x${a.toUpperCase()}y`]) {
        expect(ids(activeRules(text)), text).toEqual(ids(activeRulesCaseInsensitive(text)));
      }
    }
  });
});
