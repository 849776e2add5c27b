// The models an upstream actually serves, for GET /v1/models. An upstream configured with a glob
// (`models: ['*']`, `'gpt-4o*'`) names no model by itself, so its own GET /models is asked — bounded in
// time, bytes and entries, cached for a while, and one request at a time however many clients ask. Any
// failure degrades to the configured exact names: the model list is a convenience, never a reason to fail
// the route or to keep calling an upstream that is down.
import type { IncomingMessage } from 'node:http';
import { UpstreamError } from './errors.js';
import { errorFromResponse } from './http-response.js';
import { Attempt, readBody } from './node-transport.js';

/** How long a fetched list is served before the upstream is asked again. */
export const MODEL_LIST_TTL_MS = 60_000;
/** After a failure, the configured names are served this long before the next try. */
export const MODEL_LIST_RETRY_MS = 10_000;
/** The whole GET /models, first byte to last (capped by the upstream's timeout_ms). */
export const MODEL_LIST_TIMEOUT_MS = 5_000;
export const MODEL_LIST_MAX_BYTES = 1024 * 1024;
/** Most model ids kept from one upstream's list. */
export const MODEL_LIST_MAX_ENTRIES = 1000;

// Ids as a client could send them back as `model`: printable, no control characters, bounded.
const MODEL_ID = /^[\x21-\x7e][\x20-\x7e]{0,199}$/u;

export interface ModelListOptions {
  name: string;
  /** The upstream's GET (path relative to its base URL). */
  get: (path: string, attempt: Attempt) => Promise<IncomingMessage>;
  timeoutMs: number;
  now?: () => number;
}

export interface ModelList {
  /** Model ids from the upstream's own list, or undefined when it could not be read (use the config). */
  ids(): Promise<string[] | undefined>;
}

export function createModelList(opts: ModelListOptions): ModelList {
  const now = opts.now ?? Date.now;
  const timeoutMs = Math.min(MODEL_LIST_TIMEOUT_MS, opts.timeoutMs);
  let cached: { ids: string[] | undefined; until: number } | undefined;
  let inFlight: Promise<string[] | undefined> | undefined;

  async function fetchIds(): Promise<string[]> {
    const attempt = new Attempt();
    const timer = setTimeout(() => attempt.abort(new Error('timeout')), timeoutMs);
    try {
      const res = await opts.get('/models', attempt);
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) throw await errorFromResponse(res, opts.name, now());
      const bytes = await readBody(
        res,
        MODEL_LIST_MAX_BYTES,
        () => new UpstreamError('UPSTREAM_BAD_RESPONSE', `upstream "${opts.name}" model list is too large`),
      );
      return parseModelIds(bytes.toString('utf8'));
    } catch (e) {
      attempt.abort(); // closes a connection left mid-body
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    ids() {
      if (cached && now() < cached.until) return Promise.resolve(cached.ids);
      inFlight ??= fetchIds()
        .then(
          (ids) => {
            cached = { ids, until: now() + MODEL_LIST_TTL_MS };
            return ids;
          },
          () => {
            cached = { ids: undefined, until: now() + MODEL_LIST_RETRY_MS };
            return undefined;
          },
        )
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}

/** `{ data: [{ id }, …] }` (OpenAI's shape) → distinct valid ids, at most MODEL_LIST_MAX_ENTRIES. */
export function parseModelIds(text: string): string[] {
  const body = JSON.parse(text) as unknown;
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error('model list without a data array');
  const ids = new Set<string>();
  for (const entry of data) {
    if (ids.size >= MODEL_LIST_MAX_ENTRIES) break;
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && MODEL_ID.test(id)) ids.add(id);
  }
  return [...ids];
}
