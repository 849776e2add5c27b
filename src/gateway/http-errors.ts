// Every error the gateway answers has OpenAI's shape, so existing clients and SDKs surface it normally:
// `{ "error": { "message", "type", "code", "param" } }`. Messages never echo prompt text or keys.
import { isRampartError } from '../core/errors.js';
import type { OpenAIErrorBody } from './openai-types.js';

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'rate_limit_error'
  | 'rampart_policy_violation'
  | 'rampart_guard_error'
  | 'rampart_schema_violation'
  | 'upstream_error'
  | 'not_found_error'
  | 'server_error';

export interface GatewayErrorInit {
  status: number;
  type: ErrorType;
  code: string | null;
  message: string;
  param?: string | null;
  headers?: Record<string, string>;
  /** Extra fields inside `error` (e.g. the policy decision). */
  extra?: Record<string, unknown>;
}

export function errorBody(e: GatewayErrorInit): OpenAIErrorBody {
  return { error: { message: e.message, type: e.type, code: e.code, param: e.param ?? null, ...e.extra } };
}

export function errorResponse(e: GatewayErrorInit, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(e)), {
    status: e.status,
    headers: { 'content-type': 'application/json', ...headers, ...e.headers },
  });
}

/** Thrown inside route code and turned into an error response by the app's error handler. */
export class GatewayError extends Error {
  /** `cause`: the failure behind the answer, for the log (never sent to the client). */
  constructor(
    readonly init: GatewayErrorInit,
    options?: { cause?: unknown },
  ) {
    super(init.message, options);
    this.name = 'GatewayError';
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new GatewayError({ status: 400, type: 'invalid_request_error', code, message, param });

/** The response for anything a route throws: its own GatewayError, a RampartError by code (a guard or store
 *  failure refuses the request: fail closed), anything else an internal error. Never the error's own text
 *  for an unknown failure. */
export function errorInitFor(err: unknown): GatewayErrorInit {
  if (err instanceof GatewayError) return err.init;
  if (isRampartError(err)) {
    switch (err.code) {
      case 'INPUT_TOO_LARGE':
        return { status: 413, type: 'invalid_request_error', code: 'input_too_large', message: err.message };
      case 'INPUT_INVALID':
        return { status: 400, type: 'invalid_request_error', code: 'input_invalid', message: err.message };
      case 'SCAN_QUEUE_FULL':
        return {
          status: 503,
          type: 'server_error',
          code: 'scan_queue_full',
          message: 'too many large inputs are waiting to be scanned; retry shortly',
          headers: { 'retry-after': '1' },
        };
      case 'STORE_UNAVAILABLE':
        return {
          status: 503,
          type: 'server_error',
          code: 'store_unavailable',
          message: 'shared state store unavailable; request refused (fail closed)',
        };
      default:
        return {
          status: 500,
          type: 'rampart_guard_error',
          code: err.code.toLowerCase(),
          message: 'the guard failed; request refused (fail closed)',
        };
    }
  }
  return {
    status: 500,
    type: 'server_error',
    code: 'internal_error',
    message: 'internal error; request refused (fail closed)',
  };
}
