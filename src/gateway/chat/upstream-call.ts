// Times an upstream call for metrics; failures become the OpenAI-shaped error the client sees.
import { isRampartError } from '../../core/errors.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../http-errors.js';
import { UpstreamError } from '../upstream/errors.js';
import type { ChatUpstream } from '../upstream/types.js';

export function upstreamFailure(err: unknown): GatewayError {
  if (err instanceof UpstreamError)
    return new GatewayError(
      {
        status: err.status,
        type: err.code === 'UPSTREAM_ERROR' ? 'invalid_request_error' : 'upstream_error',
        code: err.code.toLowerCase(),
        message: err.upstreamMessage ? `${err.message}: ${err.upstreamMessage}` : err.message,
      },
      { cause: err },
    );
  if (isRampartError(err))
    return new GatewayError(
      {
        status: 502,
        type: 'upstream_error',
        code: err.code.toLowerCase(),
        message: err.message,
      },
      { cause: err },
    );
  return new GatewayError(
    {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_failed',
      message: 'the upstream call failed',
    },
    { cause: err },
  );
}

/** The upstream that serves `model`; none → 404 model_not_found (OpenAI's shape). */
export function routeModel(gw: GatewayContext, model: string): ChatUpstream {
  const upstream = gw.router.route(model);
  if (upstream) return upstream;
  throw new GatewayError({
    status: 404,
    type: 'not_found_error',
    code: 'model_not_found',
    param: 'model',
    message: `no upstream serves model "${model.slice(0, 100)}"`,
  });
}

/** The key's own upstream deadline (limits.upstream_timeout_ms) was reached: 504, whatever the upstream threw. */
export const keyTimeoutFailure = (ms: number) =>
  new GatewayError({
    status: 504,
    type: 'upstream_error',
    code: 'upstream_timeout',
    message: `the upstream did not answer within this key's limit of ${ms} ms`,
  });

/**
 * Runs an upstream call under the caller's signal and, when the key sets one, its own deadline
 * (on top of the upstream's configured timeout_ms), timing it for metrics.
 */
export async function callUpstream<T>(
  gw: GatewayContext,
  upstream: ChatUpstream,
  signal: AbortSignal,
  keyTimeoutMs: number | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const deadline = keyTimeoutMs ? AbortSignal.timeout(keyTimeoutMs) : undefined;
  try {
    const out = await call(deadline ? AbortSignal.any([signal, deadline]) : signal);
    gw.metrics.upstream(upstream.name, 'ok', (performance.now() - started) / 1000);
    return out;
  } catch (err) {
    if (deadline?.aborted && !signal.aborted) {
      gw.metrics.upstream(upstream.name, 'timeout', (performance.now() - started) / 1000);
      throw keyTimeoutFailure(keyTimeoutMs!);
    }
    const timeout = isRampartError(err) && err.code === 'UPSTREAM_TIMEOUT';
    gw.metrics.upstream(upstream.name, timeout ? 'timeout' : 'error', (performance.now() - started) / 1000);
    throw upstreamFailure(err);
  }
}
