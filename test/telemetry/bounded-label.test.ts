import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedLabel, OTHER } from '../../src/telemetry/bounded-label.js';

describe('BoundedLabel', () => {
  it('keeps the first `max` safe values, and counts later newcomers as other', () => {
    const l = new BoundedLabel(2);
    expect(l.value('gpt-4o')).toBe('gpt-4o');
    expect(l.value('openai/gpt-4o-mini:2024')).toBe('openai/gpt-4o-mini:2024');
    expect(l.value('claude')).toBe(OTHER);
    expect(l.value('gpt-4o')).toBe('gpt-4o'); // a known value stays itself
  });

  it('turns unsafe values into other without using up a slot', () => {
    const l = new BoundedLabel(1);
    for (const bad of ['', 'a b', 'x'.repeat(65), 'name"}\n', 'é', 'a\u0000'])
      expect(l.value(bad), JSON.stringify(bad)).toBe(OTHER);
    expect(l.value('ok')).toBe('ok');
  });

  it('never yields more than max + 1 distinct values, all safe (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a', 'b', 'c', 'd')), {
          maxLength: 50,
        }),
        (max, raws) => {
          const l = new BoundedLabel(max);
          const out = new Set(raws.map((r) => l.value(r)));
          out.delete(OTHER);
          expect(out.size).toBeLessThanOrEqual(max);
          for (const v of out) expect(v).toMatch(/^[A-Za-z0-9_.:/-]{1,64}$/u);
        },
      ),
    );
  });
});
