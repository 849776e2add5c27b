// Structured logs with pino. Logs are read by more people and systems than the gateway itself, so
// anything that could hold prompt text, a secret or a key is censored by path, request and response
// bodies are never serialized, and errors keep their name, code, status and cause chain, and a message only
// where it cannot quote data (no stack, no body; see serializeError).
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { isRampartError } from '../core/errors.js';
import type { LogLevel } from './config.js';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stdout). Tests pass an in-memory stream. */
  destination?: DestinationStream;
  /** Extra fields on every line, e.g. { service: 'rampart-gateway' }. */
  base?: Record<string, string>;
}

/** Field names whose value is censored wherever it appears (up to MAX_DEPTH levels deep). */
export const SENSITIVE_KEYS = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apiKey',
  'api_key',
  'apikey',
  'key',
  'secret',
  'token',
  'access_token',
  'password',
  'prompt',
  'text',
  'content',
  'messages',
  'input',
  'output',
  'body',
  'system',
  'completion',
  'choices',
  'arguments',
] as const;

const MAX_DEPTH = 4;
export const CENSOR = '[redacted]';

const segment = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

/** `key`, `*.key`, `*.*.key`, … for every sensitive key: pino's redaction matches exact paths, not names. */
export function redactPaths(keys: readonly string[] = SENSITIVE_KEYS, depth = MAX_DEPTH): string[] {
  const paths: string[] = [];
  for (const k of keys) {
    for (let d = 0; d <= depth; d++) {
      const prefix = Array.from({ length: d }, () => '*').join('.');
      const seg = segment(k);
      paths.push(d === 0 ? seg.replace(/^\./, '') : `${prefix}${seg}`);
    }
  }
  return paths;
}

interface RequestLike {
  method?: unknown;
  url?: unknown;
  path?: unknown;
  id?: unknown;
}

/** Method and path only: the query string can carry keys, and the body carries the prompt. */
function serializeRequest(req: unknown): Record<string, unknown> {
  if (!req || typeof req !== 'object') return {};
  const r = req as RequestLike;
  const url = typeof r.url === 'string' ? r.url : typeof r.path === 'string' ? r.path : undefined;
  let path: string | undefined;
  if (url !== undefined) {
    try {
      path = new URL(url, 'http://x').pathname.slice(0, 256);
    } catch {
      path = undefined;
    }
  }
  return {
    method: typeof r.method === 'string' ? r.method.slice(0, 16) : undefined,
    path,
    id: typeof r.id === 'string' || typeof r.id === 'number' ? r.id : undefined,
  };
}

function serializeResponse(res: unknown): Record<string, unknown> {
  if (!res || typeof res !== 'object') return {};
  const status =
    (res as { status?: unknown; statusCode?: unknown }).status ??
    (res as { statusCode?: unknown }).statusCode;
  return { status: typeof status === 'number' ? status : undefined };
}

/** Causes followed this deep; a longer chain ends in `{ type: 'truncated' }`. */
const MAX_CAUSE_DEPTH = 4;

// Errors whose message quotes data: a SyntaxError from JSON.parse quotes the text it choked on (an upstream's
// answer, a request body). A GatewayError's message is what the client is told, which may quote an upstream's
// answer. Both keep their type and code only; other messages (Rampart's own name codes, upstreams and limits,
// never input text; Node's system errors name an address) are kept, capped.
const DATA_QUOTING_ERRORS = new Set(['SyntaxError', 'GatewayError']);

/**
 * pino's errWithCause shape — type, message, code and the cause chain — with only fields known to be safe:
 * no stack (its first line is the message), no arbitrary enumerable properties (an UpstreamError's
 * upstreamMessage is the upstream's own body, which can echo the prompt), never a body.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: err === null ? 'null' : typeof err };
  const e = err as Error & {
    code?: unknown;
    status?: unknown;
    syscall?: unknown;
    init?: { status?: unknown; code?: unknown };
  };
  const out: Record<string, unknown> = { type: e.name.slice(0, 64) };
  const system = typeof e.syscall === 'string';
  const gatewayInit = e.name === 'GatewayError' && e.init && typeof e.init === 'object' ? e.init : undefined;
  if (!DATA_QUOTING_ERRORS.has(e.name) || isRampartError(err)) out.message = e.message.slice(0, 512);
  const code = gatewayInit ? gatewayInit.code : e.code;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code).slice(0, 64);
  const status = gatewayInit ? gatewayInit.status : e.status;
  if (typeof status === 'number') out.status = status;
  if (system) out.syscall = String(e.syscall).slice(0, 32);
  if (e.cause !== undefined)
    out.cause = depth + 1 >= MAX_CAUSE_DEPTH ? { type: 'truncated' } : serializeError(e.cause, depth + 1);
  return out;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.base ?? null,
      redact: { paths: redactPaths(), censor: CENSOR },
      serializers: {
        req: serializeRequest,
        request: serializeRequest,
        res: serializeResponse,
        response: serializeResponse,
        err: (e: unknown) => serializeError(e),
        error: (e: unknown) => serializeError(e),
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
