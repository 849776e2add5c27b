// The hash comparison must be constant-time: a byte-by-byte === would leak how much of a guess matched.
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.n++;
      return real.timingSafeEqual(a, b);
    },
  };
});

const { mintKey, acceptRecord, parseKey } = await import('../../../src/gateway/keys/key-format.js');

describe('key verification', () => {
  it('compares hashes with crypto.timingSafeEqual, for right and wrong keys alike', () => {
    const { record, key } = mintKey('acme');
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(acceptRecord(parseKey(key)!, record)).toEqual(record);
    expect(calls.n).toBe(1);
    expect(acceptRecord(parseKey(wrong)!, record)).toBeUndefined();
    expect(calls.n).toBe(2);
  });
});
