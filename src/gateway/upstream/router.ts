// Picks the upstream for a model name. With no upstream configured every model name goes to the built-in
// `rampart-local` model, so an unmodified OpenAI client asking for "gpt-4o" works in a demo; once upstreams
// exist, routing is strict (first matching pattern wins, unknown → undefined → 404 model_not_found).
import type { ModelInfo } from '../openai-types.js';
import { modelMatches } from './config.js';
import { LOCAL_MODEL_ID } from './local-model.js';
import type { ChatUpstream, UpstreamHealth } from './types.js';

export interface UpstreamRouter {
  route(model: string): ChatUpstream | undefined;
  /** Models a client may ask for: rampart-local plus every exact name (prefix globs are not listable). */
  models(): ModelInfo[];
  health(): UpstreamHealth[];
}

/** Patterns come from each upstream's models() ids: exact names or a trailing-'*' prefix glob. */
export function createRouter(upstreams: readonly ChatUpstream[], local: ChatUpstream): UpstreamRouter {
  const table = upstreams.map((u) => ({ upstream: u, patterns: u.models().map((m) => m.id) }));
  return {
    route(model) {
      if (model === LOCAL_MODEL_ID) return local;
      if (table.length === 0) return local;
      for (const { upstream, patterns } of table) {
        if (patterns.some((p) => modelMatches(p, model))) return upstream;
      }
      return undefined;
    },
    models() {
      const seen = new Set<string>();
      const out: ModelInfo[] = [];
      for (const m of [...local.models(), ...upstreams.flatMap((u) => u.models())]) {
        if (m.id.endsWith('*') || seen.has(m.id)) continue;
        seen.add(m.id);
        out.push(m);
      }
      return out;
    },
    health: () => [local.health(), ...upstreams.map((u) => u.health())],
  };
}
