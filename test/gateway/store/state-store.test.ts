import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { MemoryStore } from '../../../src/gateway/store/memory-store.js';
import { connectRedis } from '../../../src/gateway/store/redis-client.js';
import { RedisStore } from '../../../src/gateway/store/redis-store.js';
import { redisClient, uniquePrefix } from '../../helpers/redis.js';

const W = { limit: 5, windowMs: 1_000 };
const NOW = 1_900_000_000_000;

describe('MemoryStore', () => {
  it('forgets drained windows and expired counters, so memory follows live keys', async () => {
    const s = new MemoryStore({ sweepEvery: 10 });
    for (let i = 0; i < 100; i++) await s.windowTake(`k${i}`, 1, W, NOW);
    expect(s.size).toBe(100);
    // 1 unit drains in windowMs / limit = 200 ms; every later write sweeps periodically.
    for (let i = 0; i < 10; i++) await s.counterAdd(`c${i}`, 1, 50, NOW + 1_000);
    expect(s.size).toBe(10);
    expect(await s.counterGet('c0', NOW + 1_050)).toBe(0);
  });

  it('refuses new keys past maxEntries (fail closed) instead of forgetting live ones', async () => {
    const s = new MemoryStore({ maxEntries: 3 });
    for (let i = 0; i < 3; i++) await s.windowTake(`k${i}`, 5, W, NOW);
    const err = await s.windowTake('k3', 1, W, NOW).catch((e: unknown) => e);
    expect(isRampartError(err) && err.code).toBe('STORE_UNAVAILABLE');
    // Old keys still enforce their limit.
    expect((await s.windowTake('k0', 1, W, NOW)).allowed).toBe(false);
    // Once they drain, room returns.
    expect((await s.windowTake('k3', 1, W, NOW + 2_000)).allowed).toBe(true);
  });

  it('rejects non-integer amounts rather than computing with them', async () => {
    const s = new MemoryStore();
    await expect(s.windowTake('k', 0.5, W, NOW)).rejects.toThrow(TypeError);
    await expect(s.windowTake('k', 1, { limit: 0, windowMs: 1 }, NOW)).rejects.toThrow(TypeError);
  });
});

describe('RedisStore', () => {
  it('matches MemoryStore exactly on random operation sequences', async () => {
    const redis = await redisClient();
    const op = fc.record({
      kind: fc.constantFrom('take', 'peek', 'add', 'used', 'cadd', 'cget'),
      key: fc.constantFrom('a', 'b'),
      amount: fc.integer({ min: 0, max: 9 }),
      advance: fc.integer({ min: 0, max: 3_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7 }),
        fc.array(op, { maxLength: 30 }),
        async (limit, ops) => {
          const w = { limit, windowMs: 1_000 };
          const mem = new MemoryStore();
          const red = new RedisStore(redis, { prefix: uniquePrefix() });
          let now = NOW;
          for (const o of ops) {
            now += o.advance;
            const run = (s: MemoryStore | RedisStore) => {
              switch (o.kind) {
                case 'take':
                  return s.windowTake(o.key, o.amount, w, now);
                case 'peek':
                  return s.windowPeek(o.key, o.amount, w, now);
                case 'add':
                  return s.windowAdd(o.key, o.amount, w, now);
                case 'used':
                  return s.windowUsed(o.key, w, now);
                case 'cadd':
                  return s.counterAdd(o.key, o.amount, 60_000, now);
                default:
                  return s.counterGet(o.key, now);
              }
            };
            expect(await run(red)).toEqual(await run(mem));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps prefixes apart', async () => {
    const redis = await redisClient();
    const a = new RedisStore(redis, { prefix: uniquePrefix() });
    const b = new RedisStore(redis, { prefix: uniquePrefix() });
    await a.windowTake('k', 5, W, NOW);
    expect((await a.windowTake('k', 1, W, NOW)).allowed).toBe(false);
    expect((await b.windowTake('k', 1, W, NOW)).allowed).toBe(true);
  });

  it('sets an expiry on every key it writes, so Redis memory is bounded too', async () => {
    const redis = await redisClient();
    const prefix = uniquePrefix();
    const s = new RedisStore(redis, { prefix });
    await s.windowTake('k', 2, W, NOW);
    await s.counterAdd('c', 7, 5_000, NOW);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(await redis.pttl(k)).toBeGreaterThan(0);
  });

  it('turns an unreachable Redis into STORE_UNAVAILABLE (the gateway answers 503)', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', { commandTimeoutMs: 300, connectTimeoutMs: 300 });
    try {
      const s = new RedisStore(redis, { prefix: uniquePrefix() });
      for (const call of [() => s.windowTake('k', 1, W, NOW), () => s.counterGet('k', NOW)]) {
        const err = await call().catch((e: unknown) => e);
        expect(isRampartError(err) && err.code).toBe('STORE_UNAVAILABLE');
        // The message names no key.
        expect(String((err as Error).message)).not.toContain(':k');
      }
    } finally {
      redis.disconnect();
    }
  });
});
