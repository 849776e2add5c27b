// A circuit breaker per upstream: after N consecutive failures the upstream is not called for reset_ms
// (fail fast with 503 rather than pile every request onto a dead provider); then ONE trial request is let
// through (half_open) and its outcome closes or re-opens the circuit.
import type { CircuitState } from './types.js';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetMs: number;
  now: () => number;
}

export interface CircuitBreaker {
  /** True when a request may go out now; in half_open only one trial at a time is admitted. */
  tryAcquire(): boolean;
  onSuccess(): void;
  onFailure(): void;
  /** The admitted request ended without telling us anything (the caller aborted). */
  release(): void;
  state(): CircuitState;
  failures(): number;
}

export function createCircuitBreaker(opts: CircuitBreakerOptions): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const refresh = () => {
    if (state === 'open' && opts.now() - openedAt >= opts.resetMs) {
      state = 'half_open';
      trialInFlight = false;
    }
  };

  return {
    tryAcquire() {
      refresh();
      if (state === 'closed') return true;
      if (state === 'half_open' && !trialInFlight) {
        trialInFlight = true;
        return true;
      }
      return false;
    },
    onSuccess() {
      state = 'closed';
      failures = 0;
      trialInFlight = false;
    },
    onFailure() {
      failures++;
      if (state === 'half_open' || failures >= opts.failureThreshold) {
        state = 'open';
        openedAt = opts.now();
      }
      trialInFlight = false;
    },
    release() {
      trialInFlight = false;
    },
    state() {
      refresh();
      return state;
    },
    failures: () => failures,
  };
}
