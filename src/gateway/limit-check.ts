// Applies a key's rate limits and budgets before any work is done; over a limit → 429 with retry-after.
import type { Caller, GatewayContext } from './context.js';
import { GatewayError } from './http-errors.js';

export async function admitOrThrow(
  gw: GatewayContext,
  caller: Caller,
  estimatedTokens: number,
): Promise<void> {
  const subject = caller.keyId ?? 'anonymous';
  const verdict = await gw.limiter.admit(subject, caller.limits, estimatedTokens);
  if (verdict.ok) return;
  gw.metrics.limitRejection(verdict.limit);
  const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterS));
  throw new GatewayError({
    status: 429,
    type: 'rate_limit_error',
    code: verdict.limit,
    message: `${verdict.limit.replace(/_/gu, ' ')} limit reached for this key; retry after ${retryAfter} s`,
    headers: { 'retry-after': String(retryAfter) },
  });
}

export async function settleUsage(
  gw: GatewayContext,
  caller: Caller,
  model: string,
  promptTokens: number,
  completionTokens: number,
): Promise<void> {
  const subject = caller.keyId ?? 'anonymous';
  await gw.limiter.settle(subject, caller.limits, { model, promptTokens, completionTokens });
}
