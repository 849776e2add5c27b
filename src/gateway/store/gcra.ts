// Rate windows use GCRA (the generic cell rate algorithm) rather than a sliding log: it is exact, O(1) in
// memory per key, and refills continuously, so there is no burst of 2×limit at a fixed-window boundary.
//
// State is "debt" in unit·milliseconds plus the time it was written. Every unit taken adds `windowMs` of
// debt; debt drains at `limit` per millisecond; a take is allowed while debt stays ≤ limit × windowMs.
// Everything is an integer, so JavaScript and the Redis Lua mirror (redis-scripts.ts) agree bit for bit.
// Keep the two in step: a change here is a change there.

export interface GcraState {
  debt: number;
  at: number;
}

export interface GcraResult {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
  /** The state to store when the caller commits; `undefined` means nothing is owed any more. */
  next: GcraState;
}

export function debtNow(state: GcraState | undefined, limit: number, now: number): number {
  if (!state) return 0;
  // A replica whose clock is behind must not create debt out of nothing: elapsed time never goes negative.
  const elapsed = Math.max(0, now - state.at);
  return Math.max(0, state.debt - elapsed * limit);
}

export function gcra(
  state: GcraState | undefined,
  amount: number,
  limit: number,
  windowMs: number,
  now: number,
  force: boolean,
): GcraResult {
  const debt = debtNow(state, limit, now);
  const at = Math.max(now, state?.at ?? now);
  const cap = limit * windowMs;
  const after = debt + amount * windowMs;
  if (force || after <= cap) {
    return {
      allowed: true,
      remaining: Math.max(0, Math.floor((cap - after) / windowMs)),
      retryAfterMs: 0,
      next: { debt: after, at },
    };
  }
  return {
    allowed: false,
    remaining: Math.max(0, Math.floor((cap - debt) / windowMs)),
    retryAfterMs: Math.ceil((after - cap) / limit),
    next: { debt, at },
  };
}

/** Milliseconds until the debt has drained to zero: the state can be forgotten after that. */
export const gcraTtlMs = (s: GcraState, limit: number): number => Math.ceil(s.debt / limit) + 1;
