// The subset of the OpenAI Chat Completions / Embeddings wire format the gateway reads and writes.
// Our own types (not the `openai` SDK's): the SDK is only a test client, and the gateway must accept
// fields it does not know (they pass through to the upstream untouched). The request types are the
// request schemas' (request-schema.ts, z.infer); the answer types are written here.
import type { ToolCall } from './request-schema.js';

export type {
  ChatMessage,
  ChatRequest,
  ChatRole,
  ContentPart,
  EmbeddingsRequest,
  OtherPart,
  TextPart,
  ToolCall,
  ToolDefinition,
} from './request-schema.js';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: ToolCall[]; refusal?: string | null };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  usage?: Usage;
  [k: string]: unknown;
}

/** A tool-call fragment in a stream: `index` says which call it extends; id/name come in the first one. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      tool_calls?: ToolCallDelta[];
      refusal?: string | null;
    };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  /** Present (and choices empty) on the final chunk when stream_options.include_usage is set. */
  usage?: Usage | null;
  [k: string]: unknown;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface ModelInfo {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** OpenAI's error body: `{ error: { message, type, code, param } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null; [k: string]: unknown };
}
