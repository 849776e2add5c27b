// Per-key rate limits and budgets (OWASP LLM10: unbounded consumption). admit() runs before the upstream
// call with an estimate of input tokens; settle() books the real usage after the answer. Counters live in
// a StateStore, so replicas sharing Redis share one limit.
import type { StateStore } from '../store/state-store.js';
import type { KeyRecord } from '../keys/key-record.js';
import type { Limits, Prices } from './config.js';
import { costMicroUsd, usdToMicro } from './prices.js';
import { msToNextUtcMidnight, utcDay } from './utc-day.js';

export type LimitName = 'requests_per_minute' | 'tokens_per_minute' | 'daily_tokens' | 'daily_cost_usd';

export type Admission = { ok: true } | { ok: false; limit: LimitName; retryAfterS: number };

export interface Usage {
  /** Requests counted in the rolling minute (0 when the key has no RPM limit: nothing is counted). */
  requests_per_minute: number;
  tokens_per_minute: number;
  daily_tokens: number;
  daily_cost_usd: number;
}

export interface SettleInput {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

export interface Limiter {
  admit(keyId: string, limits: Limits, estimatedInputTokens: number): Promise<Admission>;
  settle(keyId: string, limits: Limits, used: SettleInput): Promise<void>;
  usage(keyId: string, limits: Limits): Promise<Usage>;
}

export interface LimiterOptions {
  prices: Prices;
  now?: () => number;
}

const MINUTE_MS = 60_000;
// Day counters outlive their day by an hour so a request that straddles midnight still finds its counter.
const DAY_TTL_SLACK_MS = 3_600_000;

const toSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
const tokens = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0);

/** Gateway defaults with the key's own overrides on top (a key may loosen or tighten any limit). */
export function effectiveLimits(defaults: Limits, record: Pick<KeyRecord, 'limits'> | undefined): Limits {
  const merged: Limits = { ...defaults };
  for (const [k, v] of Object.entries(record?.limits ?? {})) {
    if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  }
  return merged;
}

export function createLimiter(store: StateStore, opts: LimiterOptions): Limiter {
  const clock = opts.now ?? Date.now;
  const keys = (keyId: string, now: number) => ({
    rpm: `rpm:${keyId}`,
    tpm: `tpm:${keyId}`,
    dayTokens: `dtok:${keyId}:${utcDay(now)}`,
    dayCost: `dcost:${keyId}:${utcDay(now)}`,
  });

  return {
    async admit(keyId, limits, estimatedInputTokens) {
      const now = clock();
      const k = keys(keyId, now);
      const estimate = tokens(estimatedInputTokens);

      // Budgets are checked first and consume nothing; the request slot is taken last, so a request
      // refused for tokens or money does not also use up the key's requests.
      if (limits.tokens_per_minute !== undefined) {
        const w = { limit: limits.tokens_per_minute, windowMs: MINUTE_MS };
        // An estimate larger than the whole per-minute budget could never fit; it is admitted only
        // when the window is completely free, and its real usage then puts the key into debt.
        const r = await store.windowPeek(k.tpm, Math.min(estimate, w.limit), w, now);
        if (!r.allowed)
          return { ok: false, limit: 'tokens_per_minute', retryAfterS: toSeconds(r.retryAfterMs) };
      }
      if (limits.daily_tokens !== undefined) {
        const used = await store.counterGet(k.dayTokens, now);
        if (used >= limits.daily_tokens || used + estimate > limits.daily_tokens) {
          return { ok: false, limit: 'daily_tokens', retryAfterS: toSeconds(msToNextUtcMidnight(now)) };
        }
      }
      if (limits.daily_cost_usd !== undefined) {
        // The model's output length is unknown before the call, so cost is refused only once spent.
        const spent = await store.counterGet(k.dayCost, now);
        if (spent >= usdToMicro(limits.daily_cost_usd)) {
          return { ok: false, limit: 'daily_cost_usd', retryAfterS: toSeconds(msToNextUtcMidnight(now)) };
        }
      }
      if (limits.requests_per_minute !== undefined) {
        const r = await store.windowTake(
          k.rpm,
          1,
          { limit: limits.requests_per_minute, windowMs: MINUTE_MS },
          now,
        );
        if (!r.allowed)
          return { ok: false, limit: 'requests_per_minute', retryAfterS: toSeconds(r.retryAfterMs) };
      }
      return { ok: true };
    },

    async settle(keyId, limits, used) {
      const now = clock();
      const k = keys(keyId, now);
      const total = tokens(used.promptTokens) + tokens(used.completionTokens);
      const ttl = msToNextUtcMidnight(now) + DAY_TTL_SLACK_MS;
      const work: Array<Promise<unknown>> = [store.counterAdd(k.dayTokens, total, ttl, now)];
      if (limits.tokens_per_minute !== undefined) {
        work.push(
          store.windowAdd(k.tpm, total, { limit: limits.tokens_per_minute, windowMs: MINUTE_MS }, now),
        );
      }
      const cost = costMicroUsd(
        used.model,
        tokens(used.promptTokens),
        tokens(used.completionTokens),
        opts.prices,
      );
      if (cost > 0) work.push(store.counterAdd(k.dayCost, cost, ttl, now));
      await Promise.all(work);
    },

    async usage(keyId, limits) {
      const now = clock();
      const k = keys(keyId, now);
      const [rpm, tpm, dayTokens, dayCost] = await Promise.all([
        limits.requests_per_minute === undefined
          ? 0
          : store.windowUsed(k.rpm, { limit: limits.requests_per_minute, windowMs: MINUTE_MS }, now),
        limits.tokens_per_minute === undefined
          ? 0
          : store.windowUsed(k.tpm, { limit: limits.tokens_per_minute, windowMs: MINUTE_MS }, now),
        store.counterGet(k.dayTokens, now),
        store.counterGet(k.dayCost, now),
      ]);
      return {
        requests_per_minute: rpm,
        tokens_per_minute: tpm,
        daily_tokens: dayTokens,
        daily_cost_usd: dayCost / 1e6,
      };
    },
  };
}
