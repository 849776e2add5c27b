import { describe, expect, it } from 'vitest';
import { LimitsConfig, LimitsOverride, PricesConfig } from '../../../src/gateway/limits/config.js';
import { effectiveLimits } from '../../../src/gateway/limits/limiter.js';
import { costMicroUsd, priceFor } from '../../../src/gateway/limits/prices.js';

describe('LimitsConfig', () => {
  it('fills size defaults and leaves rates and budgets unlimited', () => {
    expect(LimitsConfig.parse({})).toEqual({
      max_body_bytes: 1_048_576,
      max_messages: 256,
      max_output_tokens: 4096,
    });
  });

  it('rejects unknown fields, zero, negatives and fractions of requests', () => {
    for (const bad of [
      { rpm: 5 },
      { requests_per_minute: 0 },
      { tokens_per_minute: -1 },
      { requests_per_minute: 1.5 },
    ]) {
      expect(LimitsConfig.safeParse(bad).success).toBe(false);
    }
  });

  it('a key override fills no defaults, and wins over the gateway default field by field', () => {
    expect(LimitsOverride.parse({ requests_per_minute: 5 })).toEqual({ requests_per_minute: 5 });
    const defaults = LimitsConfig.parse({ requests_per_minute: 60, daily_tokens: 1000 });
    const eff = effectiveLimits(defaults, { limits: { requests_per_minute: 5, max_messages: 10 } });
    expect(eff).toMatchObject({
      requests_per_minute: 5,
      daily_tokens: 1000,
      max_messages: 10,
      max_body_bytes: 1_048_576,
    });
    expect(effectiveLimits(defaults, undefined)).toEqual(defaults);
  });
});

describe('prices', () => {
  const prices = PricesConfig.parse({
    'gpt-4o': { input_per_1m: 2.5, output_per_1m: 10 },
    'gpt-4o*': { input_per_1m: 1, output_per_1m: 1 },
    'gpt-4o-mini*': { input_per_1m: 0.15, output_per_1m: 0.6 },
  });

  it('prefers the exact name, then the longest prefix', () => {
    expect(priceFor('gpt-4o', prices)?.input_per_1m).toBe(2.5);
    expect(priceFor('gpt-4o-mini-2024-07-18', prices)?.input_per_1m).toBe(0.15);
    expect(priceFor('gpt-4o-2024-08-06', prices)?.input_per_1m).toBe(1);
    expect(priceFor('claude', prices)).toBeUndefined();
    expect(priceFor('constructor', prices)).toBeUndefined();
  });

  it('prices in whole micro-dollars, rounding up but not float noise', () => {
    expect(costMicroUsd('gpt-4o-mini', 1000, 0, prices)).toBe(150);
    expect(costMicroUsd('gpt-4o-mini', 1, 0, prices)).toBe(1);
    expect(costMicroUsd('gpt-4o', 1_000_000, 1_000_000, prices)).toBe(12_500_000);
    expect(costMicroUsd('unknown', 1_000_000, 0, prices)).toBe(0);
  });

  it('rejects a * anywhere but the end', () => {
    expect(PricesConfig.safeParse({ 'gpt-*-mini': { input_per_1m: 1, output_per_1m: 1 } }).success).toBe(
      false,
    );
  });
});
