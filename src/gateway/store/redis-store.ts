// State shared by gateway replicas through Redis. Same answers as MemoryStore for the same inputs
// (the shared suite in test/gateway/limits runs against both).
import type { Redis } from 'ioredis';
import { redisCall } from './lua-script.js';
import { COUNTER_ADD_SCRIPT, WINDOW_SCRIPT } from './redis-scripts.js';
import { checkWindowArgs, type RateWindow, type StateStore, type WindowDecision } from './state-store.js';

export interface RedisStoreOptions {
  /** Prepended to every key, so tenants, deployments and tests sharing one Redis do not collide. */
  prefix?: string;
  /** Close the connection on close() (when this store created it). */
  ownsConnection?: boolean;
}

const toInts = (r: unknown): number[] => (Array.isArray(r) ? r.map((x) => Number(x)) : []);

export class RedisStore implements StateStore {
  private readonly prefix: string;
  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisStoreOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'rampart:';
  }

  windowTake(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision> {
    return this.window(key, amount, w, now, 'take');
  }

  windowPeek(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision> {
    return this.window(key, amount, w, now, 'peek');
  }

  async windowAdd(key: string, amount: number, w: RateWindow, now: number): Promise<void> {
    await this.window(key, amount, w, now, 'add');
  }

  async windowUsed(key: string, w: RateWindow, now: number): Promise<number> {
    checkWindowArgs(0, w, now);
    const r = toInts(
      await WINDOW_SCRIPT.run(this.redis, [this.k('w', key)], [0, w.limit, w.windowMs, now, 'used']),
    );
    return r[0] ?? 0;
  }

  async counterAdd(key: string, amount: number, ttlMs: number, _now: number): Promise<number> {
    if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw new TypeError('state store: counter arguments must be integers');
    }
    return Number(await COUNTER_ADD_SCRIPT.run(this.redis, [this.k('c', key)], [amount, ttlMs]));
  }

  async counterGet(key: string, _now: number): Promise<number> {
    const v = await redisCall(() => this.redis.get(this.k('c', key)));
    return v === null ? 0 : Number(v);
  }

  async close(): Promise<void> {
    if (this.opts.ownsConnection) await this.redis.quit().catch(() => undefined);
  }

  private async window(
    key: string,
    amount: number,
    w: RateWindow,
    now: number,
    mode: 'take' | 'peek' | 'add',
  ): Promise<WindowDecision> {
    checkWindowArgs(amount, w, now);
    const r = toInts(
      await WINDOW_SCRIPT.run(this.redis, [this.k('w', key)], [amount, w.limit, w.windowMs, now, mode]),
    );
    return { allowed: r[0] === 1, remaining: r[1] ?? 0, retryAfterMs: r[2] ?? 0 };
  }

  private k(kind: 'w' | 'c', key: string): string {
    return `${this.prefix}${kind}:${key}`;
  }
}
