// Limits against unbounded consumption (OWASP LLM10). All apply per key; a key's record may override
// any of them. An absent rate or budget means unlimited; size limits always have a default.
import { z } from 'zod';

// Upper bounds keep the limiter's integer arithmetic exact (see store/state-store.ts).
const count = z.number().int().positive().max(1_000_000_000);

const limitShape = {
  requests_per_minute: count,
  tokens_per_minute: count,
  daily_tokens: z.number().int().positive().max(1e15),
  daily_cost_usd: z.number().positive().max(1e9),
  max_body_bytes: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024),
  max_messages: z.number().int().positive().max(100_000),
  max_output_tokens: count,
  upstream_timeout_ms: z.number().int().positive().max(3_600_000),
};

/** A key's overrides: any subset, no defaults filled in (absent means "use the gateway default"). */
export const LimitsOverride = z.object(limitShape).partial().strict();
export type LimitsOverride = z.infer<typeof LimitsOverride>;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_MESSAGES = 256;
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

export const LimitsConfig = z
  .object({
    requests_per_minute: limitShape.requests_per_minute.optional(),
    tokens_per_minute: limitShape.tokens_per_minute.optional(),
    daily_tokens: limitShape.daily_tokens.optional(),
    daily_cost_usd: limitShape.daily_cost_usd.optional(),
    max_body_bytes: limitShape.max_body_bytes.default(DEFAULT_MAX_BODY_BYTES),
    max_messages: limitShape.max_messages.default(DEFAULT_MAX_MESSAGES),
    max_output_tokens: limitShape.max_output_tokens.default(DEFAULT_MAX_OUTPUT_TOKENS),
    upstream_timeout_ms: limitShape.upstream_timeout_ms.optional(),
  })
  .strict();
export type Limits = z.output<typeof LimitsConfig>;

const ModelPrice = z
  .object({ input_per_1m: z.number().nonnegative(), output_per_1m: z.number().nonnegative() })
  .strict();
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * USD per million tokens, keyed by exact model name or by a prefix ending in `*` ("gpt-4o*").
 * An exact name wins over a prefix; the longest matching prefix wins over shorter ones.
 */
export const PricesConfig = z.record(
  z
    .string()
    .min(1)
    .max(200)
    .refine((k) => !k.slice(0, -1).includes('*'), { message: '* is allowed only at the end' }),
  ModelPrice,
);
export type Prices = z.infer<typeof PricesConfig>;
