// The atomic counters the limiter needs, behind one interface so one process can keep them in memory
// and several gateway replicas can share them through Redis. Every method takes `now` from the caller:
// tests drive time, and both stores compute exactly the same answers from the same inputs.

/** A rolling budget: `limit` units per `windowMs`, refilling continuously (see gcra.ts). */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface WindowDecision {
  allowed: boolean;
  /** Whole units still available after this call (after the amount, when it was allowed). */
  remaining: number;
  /** 0 when allowed; otherwise how long until the amount would fit. */
  retryAfterMs: number;
}

export interface StateStore {
  /** Atomically add `amount` to the window only if it stays within the limit. */
  windowTake(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision>;
  /** Would `amount` fit now? Changes nothing. */
  windowPeek(key: string, amount: number, w: RateWindow, now: number): Promise<WindowDecision>;
  /** Add `amount` whatever the limit (settling real usage after the answer); may go into debt. */
  windowAdd(key: string, amount: number, w: RateWindow, now: number): Promise<void>;
  /** Units used in the window now, rounded up. */
  windowUsed(key: string, w: RateWindow, now: number): Promise<number>;
  /** Add to a fixed counter (a UTC day's tokens or micro-dollars) that disappears after `ttlMs`; returns the new total. */
  counterAdd(key: string, amount: number, ttlMs: number, now: number): Promise<number>;
  counterGet(key: string, now: number): Promise<number>;
  close(): Promise<void>;
}

/** Integer inputs keep the arithmetic exact in both JavaScript and Redis Lua (both use IEEE doubles). */
export function checkWindowArgs(amount: number, w: RateWindow, now: number): void {
  const ok =
    Number.isSafeInteger(amount) &&
    amount >= 0 &&
    Number.isSafeInteger(w.limit) &&
    w.limit > 0 &&
    Number.isSafeInteger(w.windowMs) &&
    w.windowMs > 0 &&
    // limit × window must stay far below 2^53 so debt arithmetic is exact.
    w.limit * w.windowMs <= 2 ** 50 &&
    amount * w.windowMs <= 2 ** 50 &&
    Number.isSafeInteger(now);
  if (!ok) throw new TypeError('state store: window arguments must be small non-negative integers');
}
