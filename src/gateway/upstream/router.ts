// Picks the upstream for a model name. With no upstream configured every model name goes to the built-in
// `rampart-local` model, so an unmodified OpenAI client asking for "gpt-4o" works in a demo; once upstreams
// exist, routing is strict (first matching pattern wins, unknown → undefined → 404 model_not_found).
import type { ModelInfo } from '../openai-types.js';
import { modelMatches } from './config.js';
import { LOCAL_MODEL_ID } from '../../local-model/model.js';
import type { ChatUpstream, UpstreamHealth } from './types.js';

export interface UpstreamRouter {
  route(model: string): ChatUpstream | undefined;
  /** Models a client may ask for: rampart-local plus every exact name (prefix globs are not listable). */
  models(): ModelInfo[];
  /** models(), with each glob upstream's own list (see ChatUpstream.listModels) in place of its globs:
   *  only names that route to an upstream, and `rampart-local` once (the name is always the built-in model). */
  listModels(): Promise<ModelInfo[]>;
  health(): UpstreamHealth[];
}

/** Patterns come from each upstream's models() ids: exact names or a trailing-'*' prefix glob. */
export function createRouter(upstreams: readonly ChatUpstream[], local: ChatUpstream): UpstreamRouter {
  const table = upstreams.map((u) => ({ upstream: u, patterns: u.models().map((m) => m.id) }));
  const route = (model: string): ChatUpstream | undefined => {
    if (model === LOCAL_MODEL_ID) return local;
    if (table.length === 0) return local;
    for (const { upstream, patterns } of table) {
      if (patterns.some((p) => modelMatches(p, model))) return upstream;
    }
    return undefined;
  };
  /** Local first, then each upstream's names a client could ask for (they route somewhere: an upstream's
   *  list can hold models its own patterns leave out), globs and repeats left out. */
  const listed = (perUpstream: readonly ModelInfo[][]): ModelInfo[] => {
    const seen = new Set<string>();
    const out: ModelInfo[] = [];
    const add = (m: ModelInfo) => {
      if (m.id.endsWith('*') || seen.has(m.id)) return;
      seen.add(m.id);
      out.push(m);
    };
    local.models().forEach(add);
    perUpstream.forEach((list) => {
      for (const m of list) if (route(m.id) !== undefined) add(m);
    });
    return out;
  };
  return {
    route,
    models: () => listed(upstreams.map((u) => u.models())),
    async listModels() {
      return listed(await Promise.all(upstreams.map((u) => (u.listModels ? u.listModels() : u.models()))));
    },
    health: () => [local.health(), ...upstreams.map((u) => u.health())],
  };
}
