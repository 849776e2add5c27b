// Every error the gateway answers has OpenAI's shape, so existing clients and SDKs surface it normally:
// `{ "error": { "message", "type", "code", "param" } }`. Messages never echo prompt text or keys.
import type { OpenAIErrorBody } from './openai-types.js';

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'rate_limit_error'
  | 'rampart_policy_violation'
  | 'rampart_guard_error'
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
  constructor(readonly init: GatewayErrorInit) {
    super(init.message);
    this.name = 'GatewayError';
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new GatewayError({ status: 400, type: 'invalid_request_error', code, message, param });

/** A failed write to the shared state store or the audit log: the request is refused (fail closed). */
export const STORE_UNAVAILABLE: Readonly<GatewayErrorInit> = Object.freeze({
  status: 503,
  type: 'server_error',
  code: 'store_unavailable',
  message: 'shared state store unavailable; request refused (fail closed)',
});
