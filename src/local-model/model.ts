// `rampart-local`: a deterministic, network-free stand-in model. It answers through answerLocally() (a
// NAIVE, OBEDIENT model, so attacks succeed and Rampart's protection is visible) and speaks the same
// wire format as a real upstream, streaming included, so demos and tests exercise the real code paths.
import { randomUUID } from 'node:crypto';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
  ModelInfo,
  ToolCall,
} from '../gateway/openai-types.js';
import { estimateRequestTokens, estimateTokens } from '../gateway/tokens.js';
import { answerLocally, fnv1a, type LocalAnswer } from './answer.js';
import type { ChatUpstream, UpstreamHealth } from '../gateway/upstream/types.js';

export { answerLocally, type LocalAnswer } from './answer.js';

export const LOCAL_MODEL_ID = 'rampart-local';
export const LOCAL_EMBEDDING_DIM = 64;
const WORDS_PER_CHUNK = 3;
const MAX_EMBED_INPUTS = 2048;
const MAX_EMBED_CHARS = 64 * 1024;

export interface LocalModelOptions {
  /** Clock for `created` (seconds); content never depends on it. */
  now?: () => number;
}

export function createLocalModel(opts: LocalModelOptions = {}): ChatUpstream {
  const now = opts.now ?? Date.now;
  let lastLatencyMs: number | undefined;
  const created = () => Math.floor(now() / 1000);
  // Content is deterministic, ids are not: two completions never share an id, whatever they say.
  const newId = () => `chatcmpl-local-${randomUUID().replace(/-/gu, '')}`;

  const usage = (req: ChatRequest, a: LocalAnswer) => {
    const prompt = estimateRequestTokens(req);
    const completion =
      estimateTokens(a.content ?? '') +
      (a.toolCalls ?? []).reduce(
        (n, t) => n + estimateTokens(t.function.name) + estimateTokens(t.function.arguments),
        0,
      );
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  };

  const timed = <T>(fn: () => T): T => {
    const t0 = now();
    try {
      return fn();
    } finally {
      lastLatencyMs = now() - t0;
    }
  };

  return {
    name: LOCAL_MODEL_ID,
    async complete(req): Promise<ChatCompletion> {
      return timed(() => {
        const a = answerLocally(req);
        return {
          id: newId(),
          object: 'chat.completion',
          created: created(),
          model: LOCAL_MODEL_ID,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: a.content ?? null,
                ...(a.toolCalls ? { tool_calls: a.toolCalls } : {}),
                refusal: null,
              },
              finish_reason: a.finishReason,
              logprobs: null,
            },
          ],
          usage: usage(req, a),
        };
      });
    },
    async *stream(req, signal): AsyncGenerator<ChatChunk> {
      const a = timed(() => answerLocally(req));
      const base = {
        id: newId(),
        object: 'chat.completion.chunk' as const,
        created: created(),
        model: LOCAL_MODEL_ID,
      };
      const chunk = (
        delta: ChatChunk['choices'][number]['delta'],
        finish: ChatChunk['choices'][number]['finish_reason'] = null,
      ): ChatChunk => ({
        ...base,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      });
      yield chunk({ role: 'assistant', content: '' });
      for (const piece of splitContent(a.content ?? '')) {
        if (signal?.aborted) return;
        yield chunk({ content: piece });
      }
      for (const [index, tc] of (a.toolCalls ?? []).entries()) {
        for (const d of toolCallDeltas(tc, index)) {
          if (signal?.aborted) return;
          yield chunk({ tool_calls: [d] });
        }
      }
      yield chunk({}, a.finishReason);
      if (req.stream_options?.include_usage) yield { ...base, choices: [], usage: usage(req, a) };
    },
    async embed(req: EmbeddingsRequest): Promise<EmbeddingsResponse> {
      const inputs = embeddingInputs(req.input);
      let tokens = 0;
      const data = inputs.map((text, index) => {
        tokens += estimateTokens(text);
        return { object: 'embedding' as const, index, embedding: hashedEmbedding(text) };
      });
      return {
        object: 'list',
        data,
        model: LOCAL_MODEL_ID,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      };
    },
    models: (): ModelInfo[] => [{ id: LOCAL_MODEL_ID, object: 'model', created: 0, owned_by: 'rampart' }],
    health: (): UpstreamHealth => ({
      name: LOCAL_MODEL_ID,
      state: 'closed',
      failures: 0,
      ...(lastLatencyMs !== undefined ? { lastLatencyMs } : {}),
    }),
  };
}

/** Content in pieces of a few words; the pieces concatenate back to exactly the content. */
export function splitContent(content: string): string[] {
  const tokens = content.match(/\S+\s*|\s+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += WORDS_PER_CHUNK)
    out.push(tokens.slice(i, i + WORDS_PER_CHUNK).join(''));
  return out;
}

/** id + name first (empty arguments), then the arguments in at least two fragments, as OpenAI streams them. */
function toolCallDeltas(tc: ToolCall, index: number) {
  const args = tc.function.arguments;
  const cut = Math.max(1, Math.floor(args.length / 2));
  return [
    { index, id: tc.id, type: 'function' as const, function: { name: tc.function.name, arguments: '' } },
    { index, function: { arguments: args.slice(0, cut) } },
    { index, function: { arguments: args.slice(cut) } },
  ];
}

function embeddingInputs(input: EmbeddingsRequest['input']): string[] {
  const list: unknown[] = Array.isArray(input)
    ? input.length > 0 && typeof input[0] === 'number'
      ? [input]
      : input
    : [input];
  return list
    .slice(0, MAX_EMBED_INPUTS)
    .map((x) =>
      (typeof x === 'string' ? x : Array.isArray(x) ? x.join(' ') : String(x)).slice(0, MAX_EMBED_CHARS),
    );
}

/** Feature hashing of lower-cased words into 64 signed buckets, L2-normalised: similar texts, similar vectors. */
export function hashedEmbedding(text: string): number[] {
  const v = new Array<number>(LOCAL_EMBEDDING_DIM).fill(0);
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = fnv1a(w);
    v[h % LOCAL_EMBEDDING_DIM]! += h & 0x80000000 ? -1 : 1;
  }
  let norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    norm = 1;
  }
  return v.map((x) => x / norm);
}
