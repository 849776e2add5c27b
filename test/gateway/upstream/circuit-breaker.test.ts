import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../src/gateway/upstream/circuit-breaker.js';
import { backoffMs, parseRetryAfter } from '../../../src/gateway/upstream/retry.js';

describe('circuit breaker', () => {
  it('closed → open after N consecutive failures → half_open admits exactly one trial', () => {
    let t = 0;
    const b = createCircuitBreaker({ failureThreshold: 2, resetMs: 100, now: () => t });
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    b.onSuccess(); // a success resets the consecutive count
    b.onFailure();
    expect(b.state()).toBe('closed');
    b.onFailure();
    expect(b.state()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    t = 100;
    expect(b.state()).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.release(); // the trial was aborted by its caller: another may go
    expect(b.tryAcquire()).toBe(true);
    b.onSuccess();
    expect(b.state()).toBe('closed');
    expect(b.failures()).toBe(0);
  });
});

describe('retry timing', () => {
  it('full jitter stays within the capped exponential ceiling', () => {
    expect(backoffMs(0, 200, () => 0.999)).toBe(199);
    expect(backoffMs(3, 200, () => 0.5)).toBe(800);
    expect(backoffMs(50, 200, () => 1)).toBe(30_000);
    expect(backoffMs(2, 200, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
