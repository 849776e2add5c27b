// What the gateway needs from a model provider. The HTTP upstream (any OpenAI-compatible base URL) and
// the built-in `rampart-local` model both implement it, so routes never know which one answers.
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
  ModelInfo,
} from '../openai-types.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface UpstreamHealth {
  name: string;
  state: CircuitState;
  /** Consecutive failures counted by the circuit breaker. */
  failures: number;
  /** Error code of the last failure (never an upstream body or key). */
  lastError?: string;
  lastLatencyMs?: number;
}

export interface ChatUpstream {
  readonly name: string;
  /** Non-streaming completion. Throws RampartError UPSTREAM_* on failure. */
  complete(req: ChatRequest, signal?: AbortSignal): Promise<ChatCompletion>;
  /** Streaming completion (the request is sent with stream: true). Throws RampartError UPSTREAM_* on failure, also mid-stream. */
  stream(req: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatChunk>;
  embed(req: EmbeddingsRequest, signal?: AbortSignal): Promise<EmbeddingsResponse>;
  /** Models this upstream serves (from the config; not fetched). */
  models(): ModelInfo[];
  /** Models to list on GET /v1/models: the upstream's own list where the config has globs (cached; the
   *  configured names when it cannot be read). Never rejects. Absent: models(). */
  listModels?(): Promise<ModelInfo[]>;
  health(): UpstreamHealth;
}
