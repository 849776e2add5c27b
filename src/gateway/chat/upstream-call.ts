// Times an upstream call for metrics; failures become the OpenAI-shaped error the client sees.
import { isRampartError } from '../../core/errors.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../http-errors.js';
import { UpstreamError } from '../upstream/errors.js';
import type { PreparedChat } from './prepare.js';

export function upstreamFailure(err: unknown): GatewayError {
  if (err instanceof UpstreamError)
    return new GatewayError({
      status: err.status,
      type: err.code === 'UPSTREAM_ERROR' ? 'invalid_request_error' : 'upstream_error',
      code: err.code.toLowerCase(),
      message: err.upstreamMessage ? `${err.message}: ${err.upstreamMessage}` : err.message,
    });
  if (isRampartError(err))
    return new GatewayError({
      status: 502,
      type: 'upstream_error',
      code: err.code.toLowerCase(),
      message: err.message,
    });
  return new GatewayError({
    status: 502,
    type: 'upstream_error',
    code: 'upstream_failed',
    message: 'the upstream call failed',
  });
}

export async function callUpstream<T>(
  gw: GatewayContext,
  p: PreparedChat,
  call: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    const out = await call();
    gw.metrics.upstream(p.upstream.name, 'ok', (performance.now() - started) / 1000);
    return out;
  } catch (err) {
    const timeout = isRampartError(err) && err.code === 'UPSTREAM_TIMEOUT';
    gw.metrics.upstream(p.upstream.name, timeout ? 'timeout' : 'error', (performance.now() - started) / 1000);
    throw upstreamFailure(err);
  }
}
