// Structured logs with pino. Logs are read by more people and systems than the gateway itself, so
// anything that could hold prompt text, a secret or a key is censored by path, request and response
// bodies are never serialized, and errors keep only their name, code and message (no stack, no cause).
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
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

function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    code: typeof code === 'string' ? code : undefined,
    // Rampart's own messages never contain input text; others (upstream libraries) are capped.
    message: err.message.slice(0, 512),
  };
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
        err: serializeError,
        error: serializeError,
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
