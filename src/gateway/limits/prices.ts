// What a call cost, in integer micro-dollars so budgets add up exactly in any store.
import type { ModelPrice, Prices } from './config.js';

/** Exact name first, then the longest `prefix*` match. Unknown model → undefined. */
export function priceFor(model: string, prices: Prices): ModelPrice | undefined {
  const exact = Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (exact) return exact;
  let best: { len: number; price: ModelPrice } | undefined;
  for (const [pattern, price] of Object.entries(prices)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (model.startsWith(prefix) && (!best || prefix.length > best.len)) best = { len: prefix.length, price };
  }
  return best?.price;
}

/**
 * USD per 1M tokens × tokens = micro-dollars, so no scaling is needed. Rounded up (a budget should not
 * leak fractions), after trimming float noise such as 0.15 × 1000 = 150.00000000000003.
 * A model missing from the price table costs 0: the gateway cannot invent a price, so daily_cost_usd
 * only bounds priced models; token budgets still bound the rest. `rampart doctor` should flag it.
 */
export function costMicroUsd(
  model: string,
  promptTokens: number,
  completionTokens: number,
  prices: Prices,
): number {
  const p = priceFor(model, prices);
  if (!p) return 0;
  const raw = promptTokens * p.input_per_1m + completionTokens * p.output_per_1m;
  return Math.ceil(Math.round(raw * 1e6) / 1e6);
}

export const usdToMicro = (usd: number): number => Math.round(usd * 1e6);
