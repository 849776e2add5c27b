// Sessions are created on first use and bounded: at most `maxSessions`, least recently used first out, and a
// session idle for `ttlMs` is forgotten. Forgetting a session forgets its taint ledger and counters, so the bound
// should exceed the number of concurrently live agent sessions (see the report/README on sizing).
import { RampartError } from '../../core/errors.js';

export interface SessionStoreOptions {
  /** Default 1,000. */
  maxSessions?: number;
  /** Idle time after which a session is dropped. Default one hour. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export class SessionStore<S> {
  private readonly map = new Map<string, { value: S; touched: number }>();
  private readonly maxSessions: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly create: (id: string) => S,
    options: SessionStoreOptions = {},
  ) {
    this.maxSessions = options.maxSessions ?? 1000;
    this.ttlMs = options.ttlMs ?? 3_600_000;
    if (!Number.isSafeInteger(this.maxSessions) || this.maxSessions < 1) {
      throw new RampartError('CONFIG_INVALID', 'sessions: maxSessions must be a positive integer');
    }
    if (!(this.ttlMs > 0)) throw new RampartError('CONFIG_INVALID', 'sessions: ttlMs must be positive');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  get(id: string): S {
    const t = this.now();
    const hit = this.map.get(id);
    if (hit && t - hit.touched <= this.ttlMs) {
      this.map.delete(id); // re-insert: Map order is our LRU order
      hit.touched = t;
      this.map.set(id, hit);
      return hit.value;
    }
    if (hit) this.map.delete(id);
    this.evict(t);
    const value = this.create(id);
    this.map.set(id, { value, touched: t });
    return value;
  }

  delete(id: string): boolean {
    return this.map.delete(id);
  }

  private evict(t: number): void {
    for (const [k, v] of this.map) {
      if (this.map.size < this.maxSessions && t - v.touched <= this.ttlMs) break;
      this.map.delete(k);
    }
  }
}
