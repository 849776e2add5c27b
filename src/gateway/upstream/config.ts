// One upstream's configuration, validated once at the boundary (zod, strict). Keys never appear in the
// config itself: a literal key in a YAML file ends up in git, backups and support tickets, so only an
// environment variable name or a file path is accepted, and the key is resolved when the upstream is built.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';

const NO_LITERAL_KEY =
  'a literal api_key is not accepted in the config (it would end up in files and logs): ' +
  'put the key in an environment variable and set api_key_env, or in a file and set api_key_file';

/** Exact model names, or a prefix glob with one trailing '*' ('gpt-4o*', or '*' for every model). */
const ModelPattern = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !p.slice(0, -1).includes('*'), {
    message: "only a trailing '*' is supported in model patterns (e.g. 'gpt-4o*')",
  });

// Headers that carry credentials must come from api_key_env/api_key_file, never be written literally.
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'cookie',
]);

export const UpstreamConfig = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'name: letters, digits, dot, underscore and dash only'),
    base_url: z
      .string()
      .max(2000)
      .refine(
        (u) => {
          try {
            const url = new URL(u);
            return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
          } catch {
            return false;
          }
        },
        { message: 'base_url must be an http(s) URL without credentials in it' },
      ),
    /** Never accepted: present only to explain why. */
    api_key: z.undefined({ error: NO_LITERAL_KEY }).optional(),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'api_key_env must be an environment variable name')
      .optional(),
    api_key_file: z.string().min(1).max(4096).optional(),
    models: z.array(ModelPattern).min(1).max(1000),
    timeout_ms: z.number().int().min(1).max(3_600_000).default(60_000),
    /** Idle time allowed between stream chunks; defaults to timeout_ms. */
    stream_idle_timeout_ms: z.number().int().min(1).max(3_600_000).optional(),
    retries: z.number().int().min(0).max(10).default(2),
    retry_base_ms: z.number().int().min(0).max(60_000).default(200),
    /** Longest Retry-After we honour; a longer one fails the request instead of holding it. */
    retry_after_max_ms: z.number().int().min(0).max(600_000).default(10_000),
    circuit_breaker: z
      .object({
        failure_threshold: z.number().int().min(1).max(1000).default(5),
        reset_ms: z.number().int().min(1).max(3_600_000).default(30_000),
      })
      .strict()
      .default({ failure_threshold: 5, reset_ms: 30_000 }),
    max_response_bytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(16 * 1024 * 1024),
    /**
     * The field this upstream takes the answer's token cap in. OpenAI's current models want
     * max_completion_tokens (and refuse max_tokens for reasoning models); many other servers know only
     * max_tokens. Set, the cap is sent in this field alone, whichever the client used; unset, as the client sent it.
     */
    max_tokens_field: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'invalid header name'), z.string().max(8192))
      .refine((h) => Object.keys(h).every((k) => !CREDENTIAL_HEADERS.has(k.toLowerCase())), {
        message: `credential headers cannot be set literally in headers: ${NO_LITERAL_KEY.split(': ')[1]}`,
      })
      .optional(),
  })
  .strict()
  .refine((c) => !(c.api_key_env && c.api_key_file), {
    message: 'set api_key_env or api_key_file, not both',
  });

export type UpstreamConfig = z.output<typeof UpstreamConfig>;
export type UpstreamConfigInput = z.input<typeof UpstreamConfig>;

/** Parses raw config; every problem becomes CONFIG_INVALID with the field paths (never the values). */
export function parseUpstreamConfig(raw: unknown): UpstreamConfig {
  const parsed = UpstreamConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  throw new RampartError('CONFIG_INVALID', `upstream config invalid: ${issues}`);
}

export interface KeySources {
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/** Resolves the API key (or undefined when none is configured). Errors name the variable or path only. */
export function resolveApiKey(config: UpstreamConfig, sources: KeySources = {}): string | undefined {
  const env = sources.env ?? process.env;
  if (config.api_key_env) {
    const v = env[config.api_key_env]?.trim();
    if (!v)
      throw new RampartError(
        'CONFIG_INVALID',
        `upstream "${config.name}": environment variable ${config.api_key_env} is not set or empty`,
      );
    return v;
  }
  if (config.api_key_file) {
    let text: string;
    try {
      text = (sources.readFile ?? ((p) => readFileSync(p, 'utf8')))(config.api_key_file);
    } catch (cause) {
      throw new RampartError(
        'CONFIG_NOT_FOUND',
        `upstream "${config.name}": cannot read api_key_file ${config.api_key_file}`,
        { cause },
      );
    }
    const v = text.trim();
    if (!v || /[\r\n]/.test(v))
      throw new RampartError(
        'CONFIG_INVALID',
        `upstream "${config.name}": api_key_file ${config.api_key_file} must hold exactly one key`,
      );
    return v;
  }
  return undefined;
}

/** Whether a model name matches a pattern (exact, or prefix + trailing '*'). */
export function modelMatches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : model === pattern;
}
