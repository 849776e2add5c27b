// One limit and budget suite, run against every state store: the same inputs must give the same answers
// in one process (MemoryStore) and across replicas (RedisStore on a real redis-server).
import { describe, expect, it } from 'vitest';
import { LimitsConfig, type Limits } from '../../../src/gateway/limits/config.js';
import { createLimiter } from '../../../src/gateway/limits/limiter.js';
import { MemoryStore } from '../../../src/gateway/store/memory-store.js';
import { RedisStore } from '../../../src/gateway/store/redis-store.js';
import type { StateStore } from '../../../src/gateway/store/state-store.js';
import { redisClient, uniquePrefix } from '../../helpers/redis.js';

// 2030-03-04 23:59:00 UTC: one minute before a UTC midnight.
const T0 = Date.UTC(2030, 2, 4, 23, 59, 0);
const PRICES = { 'gpt-4o-mini*': { input_per_1m: 0.15, output_per_1m: 0.6 } };

const limits = (l: Partial<Limits>): Limits => LimitsConfig.parse(l);

interface StoreKind {
  name: string;
  /** Two stores that must share state (two replicas); for memory, the same store twice. */
  open(): Promise<[StateStore, StateStore]>;
}

const STORES: StoreKind[] = [
  {
    name: 'memory',
    open: async () => {
      const s = new MemoryStore();
      return [s, s];
    },
  },
  {
    name: 'redis',
    open: async () => {
      const prefix = uniquePrefix();
      // Two separate connections, as two gateway processes would have.
      return [
        new RedisStore(await redisClient(), { prefix }),
        new RedisStore(await redisClient(), { prefix }),
      ];
    },
  },
];

describe.each(STORES)('limiter on the $name store', (kind) => {
  const setup = async () => {
    const [a, b] = await kind.open();
    const clock = { t: T0 };
    const now = () => clock.t;
    return {
      clock,
      a: createLimiter(a, { prices: PRICES, now }),
      b: createLimiter(b, { prices: PRICES, now }),
      storeA: a,
    };
  };

  it('allows exactly requests_per_minute requests, then refuses with the exact retry-after', async () => {
    const { a } = await setup();
    const l = limits({ requests_per_minute: 10 });
    for (let i = 0; i < 10; i++) expect(await a.admit('k1', l, 0)).toEqual({ ok: true });
    // GCRA: one request's worth (60 s / 10 = 6 s) must pass before the next fits.
    expect(await a.admit('k1', l, 0)).toEqual({ ok: false, limit: 'requests_per_minute', retryAfterS: 6 });
    // Another key is unaffected.
    expect(await a.admit('k2', l, 0)).toEqual({ ok: true });
  });

  it('slides: capacity returns continuously as time moves, not all at once', async () => {
    const { a, clock } = await setup();
    const l = limits({ requests_per_minute: 10 });
    for (let i = 0; i < 10; i++) await a.admit('k', l, 0);
    clock.t += 5_999;
    expect((await a.admit('k', l, 0)).ok).toBe(false);
    clock.t += 1;
    expect((await a.admit('k', l, 0)).ok).toBe(true);
    expect((await a.admit('k', l, 0)).ok).toBe(false);
    clock.t += 30_000; // half a window: five more
    for (let i = 0; i < 5; i++) expect((await a.admit('k', l, 0)).ok).toBe(true);
    expect((await a.admit('k', l, 0)).ok).toBe(false);
    clock.t += 120_000; // long idle: never more than the limit at once
    for (let i = 0; i < 10; i++) expect((await a.admit('k', l, 0)).ok).toBe(true);
    expect((await a.admit('k', l, 0)).ok).toBe(false);
  });

  it('counts settled tokens against tokens_per_minute and refuses an estimate that cannot fit', async () => {
    const { a, clock } = await setup();
    const l = limits({ tokens_per_minute: 1000 });
    expect(await a.admit('k', l, 600)).toEqual({ ok: true }); // admit only peeks at tokens
    await a.settle('k', l, { model: 'other', promptTokens: 500, completionTokens: 300 });
    expect(await a.admit('k', l, 200)).toEqual({ ok: true });
    // 800 used, 300 more does not fit: 100 tokens must drain at 1000/60 s → 6 s.
    expect(await a.admit('k', l, 300)).toEqual({ ok: false, limit: 'tokens_per_minute', retryAfterS: 6 });
    await a.settle('k', l, { model: 'other', promptTokens: 200, completionTokens: 0 });
    expect(await a.admit('k', l, 1)).toMatchObject({ ok: false, limit: 'tokens_per_minute' });
    expect(await a.usage('k', l)).toMatchObject({ tokens_per_minute: 1000, daily_tokens: 1000 });
    clock.t += 60_000;
    expect(await a.admit('k', l, 1000)).toEqual({ ok: true });
    // An estimate above the whole per-minute budget is admitted only into an empty window.
    expect(await a.admit('k', l, 5000)).toEqual({ ok: true });
  });

  it('real usage beyond the limit puts the key in debt until it drains', async () => {
    const { a, clock } = await setup();
    const l = limits({ tokens_per_minute: 1000 });
    await a.settle('k', l, { model: 'm', promptTokens: 100, completionTokens: 2900 });
    expect(await a.admit('k', l, 1)).toEqual({ ok: false, limit: 'tokens_per_minute', retryAfterS: 121 });
    clock.t += 120_060;
    expect(await a.admit('k', l, 1)).toEqual({ ok: true });
  });

  it('enforces daily_tokens until UTC midnight, retry-after counting to midnight', async () => {
    const { a, clock } = await setup();
    const l = limits({ daily_tokens: 1000 });
    await a.settle('k', l, { model: 'm', promptTokens: 900, completionTokens: 50 });
    expect(await a.admit('k', l, 50)).toEqual({ ok: true });
    expect(await a.admit('k', l, 51)).toEqual({ ok: false, limit: 'daily_tokens', retryAfterS: 60 });
    clock.t += 30_500; // 29.5 s to midnight → 30 s (rounded up)
    expect(await a.admit('k', l, 51)).toEqual({ ok: false, limit: 'daily_tokens', retryAfterS: 30 });
    clock.t = Date.UTC(2030, 2, 5, 0, 0, 0); // midnight: a new day, a new budget
    expect(await a.admit('k', l, 1000)).toEqual({ ok: true });
    expect(await a.usage('k', l)).toMatchObject({ daily_tokens: 0 });
  });

  it('enforces daily_cost_usd from the price table (prefix match) and resets at UTC midnight', async () => {
    const { a, clock } = await setup();
    const l = limits({ daily_cost_usd: 0.001 }); // 1000 micro-dollars
    // 1000 × 0.15 + 1000 × 0.6 = 750 micro-dollars
    await a.settle('k', l, { model: 'gpt-4o-mini-2024-07-18', promptTokens: 1000, completionTokens: 1000 });
    expect(await a.usage('k', l)).toMatchObject({ daily_cost_usd: 0.00075 });
    expect(await a.admit('k', l, 10)).toEqual({ ok: true });
    // An unknown model costs nothing (documented): the cost budget cannot price it.
    await a.settle('k', l, { model: 'unpriced-model', promptTokens: 1_000_000, completionTokens: 0 });
    expect(await a.admit('k', l, 10)).toEqual({ ok: true });
    await a.settle('k', l, { model: 'gpt-4o-mini', promptTokens: 0, completionTokens: 500 }); // +300 → 1050
    expect(await a.admit('k', l, 10)).toEqual({ ok: false, limit: 'daily_cost_usd', retryAfterS: 60 });
    clock.t = Date.UTC(2030, 2, 5, 0, 0, 1);
    expect(await a.admit('k', l, 10)).toEqual({ ok: true });
  });

  it('a refusal for tokens does not also spend a request', async () => {
    const { a } = await setup();
    const l = limits({ requests_per_minute: 2, daily_tokens: 10 });
    expect((await a.admit('k', l, 11)).ok).toBe(false);
    expect((await a.admit('k', l, 11)).ok).toBe(false);
    expect(await a.usage('k', l)).toMatchObject({ requests_per_minute: 0 });
    expect((await a.admit('k', l, 1)).ok).toBe(true);
    expect((await a.admit('k', l, 1)).ok).toBe(true);
    expect(await a.admit('k', l, 1)).toMatchObject({ ok: false, limit: 'requests_per_minute' });
  });

  it('admits exactly the limit out of 100 parallel requests', async () => {
    const { a, b } = await setup();
    const l = limits({ requests_per_minute: 10 });
    // Half of them through the second connection (the second replica, for Redis).
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).admit('hot', l, 0)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });

  it('two replicas share one limit and one budget', async () => {
    const { a, b } = await setup();
    const l = limits({ requests_per_minute: 4, daily_tokens: 100 });
    expect((await a.admit('k', l, 0)).ok).toBe(true);
    expect((await b.admit('k', l, 0)).ok).toBe(true);
    expect((await a.admit('k', l, 0)).ok).toBe(true);
    expect((await b.admit('k', l, 0)).ok).toBe(true);
    expect(await a.admit('k', l, 0)).toMatchObject({ ok: false, limit: 'requests_per_minute' });
    await a.settle('k', l, { model: 'm', promptTokens: 100, completionTokens: 0 });
    expect(await b.usage('k', l)).toMatchObject({ daily_tokens: 100, requests_per_minute: 4 });
  });

  it('no limits configured: everything is admitted', async () => {
    const { a } = await setup();
    const l = limits({});
    for (let i = 0; i < 50; i++) expect((await a.admit('k', l, 1e9)).ok).toBe(true);
  });
});
