// The default state store: counters in this process's memory. Right for one gateway; replicas behind a
// load balancer need RedisStore, or each would grant the full limit on its own.
import { RampartError } from '../../core/errors.js';
import { debtNow, gcra, gcraTtlMs, type GcraState } from './gcra.js';
import { checkWindowArgs, type RateWindow, type StateStore, type WindowDecision } from './state-store.js';

export interface MemoryStoreOptions {
  /** Most live keys kept; past it, new keys are refused (fail closed) rather than old ones forgotten. */
  maxEntries?: number;
  /** Sweep expired entries every this many writes, so memory follows live keys, not keys ever seen. */
  sweepEvery?: number;
}

interface WindowEntry {
  kind: 'window';
  state: GcraState;
  expiresAt: number;
}
interface CounterEntry {
  kind: 'counter';
  value: number;
  expiresAt: number;
}
type Entry = WindowEntry | CounterEntry;

export class MemoryStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly sweepEvery: number;
  private writes = 0;

  constructor(opts: MemoryStoreOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 100_000;
    this.sweepEvery = opts.sweepEvery ?? 1_000;
  }

  /** Live entries, for tests and metrics. */
  get size(): number {
    return this.entries.size;
  }

  async windowTake(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision> {
    return this.window(key, amount, w, now, 'take');
  }

  async windowPeek(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision> {
    return this.window(key, amount, w, now, 'peek');
  }

  async windowAdd(key: string, amount: number, w: RateWindow, now: number): Promise<void> {
    this.window(key, amount, w, now, 'add');
  }

  async windowUsed(key: string, w: RateWindow, now: number): Promise<number> {
    checkWindowArgs(0, w, now);
    const e = this.live(`w:${key}`, 'window', now);
    return Math.ceil(debtNow(e?.state, w.limit, now) / w.windowMs);
  }

  async counterAdd(key: string, amount: number, ttlMs: number, now: number): Promise<number> {
    if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw new TypeError('state store: counter arguments must be integers');
    }
    const e = this.live(`c:${key}`, 'counter', now);
    const value = (e?.value ?? 0) + amount;
    this.put(`c:${key}`, { kind: 'counter', value, expiresAt: now + ttlMs }, now);
    return value;
  }

  async counterGet(key: string, now: number): Promise<number> {
    return this.live(`c:${key}`, 'counter', now)?.value ?? 0;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  // Synchronous on purpose: with no await between read and write, each call is atomic on the event loop.
  private window(
    key: string,
    amount: number,
    w: RateWindow,
    now: number,
    mode: 'take' | 'peek' | 'add',
  ): WindowDecision {
    checkWindowArgs(amount, w, now);
    // Windows and counters live in separate namespaces, as in RedisStore.
    const e = this.live(`w:${key}`, 'window', now);
    const r = gcra(e?.state, amount, w.limit, w.windowMs, now, mode === 'add');
    if (mode !== 'peek' && r.allowed) {
      this.put(
        `w:${key}`,
        { kind: 'window', state: r.next, expiresAt: now + gcraTtlMs(r.next, w.limit) },
        now,
      );
    }
    return { allowed: r.allowed, remaining: r.remaining, retryAfterMs: r.retryAfterMs };
  }

  private live<K extends Entry['kind']>(
    key: string,
    kind: K,
    now: number,
  ): Extract<Entry, { kind: K }> | undefined {
    const e = this.entries.get(key);
    if (!e || e.kind !== kind) return undefined;
    if (e.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e as Extract<Entry, { kind: K }>;
  }

  private put(key: string, e: Entry, now: number): void {
    if (++this.writes % this.sweepEvery === 0) this.sweep(now);
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      this.sweep(now);
      if (this.entries.size >= this.maxEntries) {
        throw new RampartError('STORE_UNAVAILABLE', `memory state store is full (${this.maxEntries} keys)`);
      }
    }
    this.entries.set(key, e);
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}
