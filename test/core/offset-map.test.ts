import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap, OffsetMapBuilder } from '../../src/core/offset-map.js';

describe('OffsetMap', () => {
  it('maps an identity span to itself and clamps out-of-range spans', () => {
    const m = OffsetMap.identity(5);
    expect(m.toOriginal([1, 3])).toEqual([1, 3]);
    expect(m.toOriginal([-4, 99])).toEqual([0, 5]);
    expect(m.toOriginal([5, 5])).toEqual([5, 5]);
  });

  it('maps replacement text to the whole range it stands for', () => {
    const b = new OffsetMapBuilder(7);
    b.copy('ab<xy>c', 0, 2);
    b.emit('Z', 2, 6);
    b.copy('ab<xy>c', 6, 7);
    const { text, map } = b.build();
    expect(text).toBe('abZc');
    expect(map.toOriginal([2, 3])).toEqual([2, 6]);
    expect(map.toOriginal([3, 4])).toEqual([6, 7]);
  });

  it('composes two passes: a removal, then an expansion', () => {
    const original = 'a\u200Bﬁb';
    const first = new OffsetMapBuilder(original.length);
    first.copy(original, 0, 1);
    first.copy(original, 2, 4);
    const one = first.build(); // 'aﬁb'
    const second = new OffsetMapBuilder(one.text.length);
    second.copy(one.text, 0, 1);
    second.emit('fi', 1, 2);
    second.copy(one.text, 2, 3);
    const two = second.build(); // 'afib'
    const m = one.map.compose(two.map);
    expect(two.text).toBe('afib');
    expect(m.toOriginal([1, 3])).toEqual([2, 3]);
    expect(m.toOriginal([0, 4])).toEqual([0, 4]);
  });

  it('keeps composed maps monotonic and in bounds', () => {
    // Random edit scripts: each step copies, deletes or replaces a stretch of the previous text.
    const step = fc.array(fc.tuple(fc.constantFrom('copy', 'drop', 'emit'), fc.integer({ min: 1, max: 3 })), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.array(step, { maxLength: 3 }), (original, steps) => {
        let text = original;
        let map = OffsetMap.identity(original.length);
        for (const ops of steps) {
          const b = new OffsetMapBuilder(text.length);
          let at = 0;
          for (const [op, k] of ops) {
            const to = Math.min(text.length, at + k);
            if (op === 'copy') b.copy(text, at, to);
            else if (op === 'emit' && to > at) b.emit('xy'.slice(0, k), at, to);
            at = to;
          }
          b.copy(text, at, text.length);
          const r = b.build();
          map = map.compose(r.map);
          text = r.text;
        }
        expect(map.length).toBe(text.length);
        for (let i = 0; i < map.length; i++) {
          expect(map.starts[i]!).toBeLessThanOrEqual(map.ends[i]!);
          expect(map.ends[i]!).toBeLessThanOrEqual(original.length);
          if (i > 0) expect(map.starts[i]!).toBeGreaterThanOrEqual(map.starts[i - 1]!);
          if (i > 0) expect(map.ends[i]!).toBeGreaterThanOrEqual(map.ends[i - 1]!);
        }
      }),
    );
  });
});
