import { describe, expect, it } from 'vitest';
import { loadAttackLibrary } from '../../src/redteam/attacks/load.js';
import { mulberry32 } from '../../src/redteam/rng.js';
import { LADDERS } from '../../src/redteam/strategies/crescendo.js';
import { PRIMERS } from '../../src/redteam/strategies/context-priming.js';
import { getStrategy, STRATEGIES, STRATEGY_NAMES } from '../../src/redteam/strategies/index.js';
import { orderedSample } from '../../src/redteam/strategies/types.js';

const lib = loadAttackLibrary();
const direct = lib.filter((c) => c.payload !== 'document');
const indirect = lib.filter((c) => c.payload === 'document');

describe('strategies', () => {
  it('offers single plus at least two multi-turn strategies', () => {
    expect(STRATEGY_NAMES).toEqual(expect.arrayContaining(['single', 'crescendo', 'context_priming']));
    for (const [k, s] of Object.entries(STRATEGIES)) expect(s.name).toBe(k);
  });

  it('single sends the case as written', () => {
    for (const c of lib.slice(0, 20)) expect(STRATEGIES.single.turns(c, mulberry32(1), 4)).toEqual(c.turns);
  });

  it('crescendo escalates through the ladder in order and ends with the payload', () => {
    for (const c of direct) {
      for (const max of [1, 2, 4, 8]) {
        const turns = STRATEGIES.crescendo.turns(c, mulberry32(c.id.length + max), max);
        expect(turns.at(-1)).toBe(c.turns.at(-1));
        expect(turns.length).toBe(Math.min(Math.max(max, 1), LADDERS[c.category].length + 1));
        const lead = turns.slice(0, -1);
        const ladder = LADDERS[c.category];
        const positions = lead.map((t) => ladder.indexOf(t));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        // The lead-in is benign: no placeholder, so nothing of the payload arrives early.
        expect(lead.join(' ')).not.toMatch(/\{\{/u);
      }
    }
  });

  it('crescendo does not apply where the payload is in a document', () => {
    expect(indirect.length).toBeGreaterThan(0);
    for (const c of indirect) expect(STRATEGIES.crescendo.appliesTo(c)).toBe(false);
    for (const c of direct) expect(STRATEGIES.crescendo.appliesTo(c)).toBe(true);
  });

  it('context priming opens with one primer, in order, then the case', () => {
    for (const c of lib) {
      const turns = STRATEGIES.context_priming.turns(c, mulberry32(7), 4);
      expect(turns.slice(-c.turns.length)).toEqual(c.turns);
      const lead = turns.slice(0, -c.turns.length);
      expect(lead.length).toBe(3);
      // Room for all three: the whole primer, as written.
      expect(PRIMERS.some((p) => p.join('|') === lead.join('|'))).toBe(true);
      const short = STRATEGIES.context_priming.turns(c, mulberry32(7), c.turns.length + 1);
      expect(short).toHaveLength(c.turns.length + 1);
      expect(PRIMERS.some((p) => p.includes(short[0]!))).toBe(true);
    }
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const c = direct[0]!;
    for (const name of ['crescendo', 'context_priming']) {
      const s = getStrategy(name);
      expect(s.turns(c, mulberry32(3), 3)).toEqual(s.turns(c, mulberry32(3), 3));
      const variants = new Set(
        [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => s.turns(c, mulberry32(seed), 3).join('|')),
      );
      expect(variants.size, name).toBeGreaterThan(1);
    }
  });

  it('orderedSample keeps order and size', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const got = orderedSample(items, 3, mulberry32(9));
    expect(got).toHaveLength(3);
    expect(got.map((x) => items.indexOf(x))).toEqual([...got.map((x) => items.indexOf(x))].sort());
    expect(orderedSample(items, 9, mulberry32(9))).toEqual(items);
    expect(orderedSample(items, 0, mulberry32(9))).toEqual([]);
  });

  it('rejects an unknown strategy', () => {
    expect(() => getStrategy('gradual')).toThrow(/unknown strategy/u);
    expect(() => getStrategy('toString')).toThrow(/unknown strategy/u);
  });
});
