import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, fromHalf, sha256, toHalf } from '../../src/model/weights-format.js';

describe('float16 quantization', () => {
  it('round-trips within half a unit in the last place (relative error <= 2^-11) in the normal range', () => {
    fc.assert(
      fc.property(fc.double({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const y = fromHalf(toHalf(x));
        if (Math.abs(x) >= 2 ** -14)
          expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 1e-12);
        else expect(Math.abs(y - x)).toBeLessThanOrEqual(2 ** -25);
      }),
    );
  });

  it('keeps exact values exact', () => {
    for (const v of [0, 1, -1, 0.5, 2048, -0.25]) expect(fromHalf(toHalf(v))).toBe(v);
  });
});

describe('weight file', () => {
  const tensors = [
    { name: 'a', dtype: 'f16' as const, data: Float32Array.of(0.1, -2, 3.5) },
    { name: 'b', dtype: 'f32' as const, data: Float32Array.of(1.25) },
  ];

  it('decodes what it encodes', () => {
    const bin = encodeWeights(tensors);
    const m = decodeWeights(bin, sha256(bin));
    expect([...m.get('b')!]).toEqual([1.25]);
    expect(m.get('a')![1]).toBe(-2);
  });

  it('rejects a wrong hash, a truncated file and garbage with MODEL_WEIGHTS_INVALID', () => {
    const bin = encodeWeights(tensors);
    const flipped = Uint8Array.from(bin);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => decodeWeights(flipped, sha256(bin))).toThrow(
      expect.objectContaining({ code: 'MODEL_WEIGHTS_INVALID' }),
    );
    const cut = bin.slice(0, bin.length - 4);
    expect(() => decodeWeights(cut, sha256(cut))).toThrow(
      expect.objectContaining({ code: 'MODEL_WEIGHTS_INVALID' }),
    );
    const junk = new TextEncoder().encode('not a model at all, just text');
    expect(() => decodeWeights(junk, sha256(junk))).toThrow(
      expect.objectContaining({ code: 'MODEL_WEIGHTS_INVALID' }),
    );
  });
});
