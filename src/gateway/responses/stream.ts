// A streamed Responses answer (POST /v1/responses with stream: true), translated from the guarded chat
// stream (chat/stream.ts). The translation comes AFTER the chat stream's guard: text reaches it only once
// the stream guard released it (same hold-back), tool calls only once checked and passed by the firewall,
// and a violation or failure ends the Responses stream as it ends the chat one (fail closed):
//
//   first chunk            → response.created, response.in_progress
//   text                   → response.output_item.added (message), response.content_part.added,
//                            response.output_text.delta …
//   tool calls (checked)   → per call: response.output_item.added (function_call),
//                            response.function_call_arguments.delta / .done, response.output_item.done
//   finish chunk           → the open message closed (output_text.done, content_part.done, output_item.done)
//   [DONE]                 → response.completed — or response.incomplete (content_filter: the guard stopped
//                            it, with the decision in `rampart`; max_output_tokens: cut at the cap)
//   an error frame         → an `error` event (code, message, param), and nothing after it
//
// Event shapes follow the openai SDK's types (resources/responses/responses.d.ts: ResponseStreamEvent).
import { sseData } from '../chat/sse-response.js';

export interface ResponsesStreamMeta {
  /** resp_… (the decision id in it ties the answer to its audit rows). */
  id: string;
  model: string;
  createdAt: number;
}

interface ChatFrameChunk {
  model?: string;
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  rampart?: unknown;
  error?: { code?: string | null; message?: string; param?: string | null; type?: string };
}

type Item = Record<string, unknown>;

/** One Responses SSE event: the `event:` line (as OpenAI sends it) and the JSON data. */
const event = (type: string, data: Record<string, unknown>): string =>
  `event: ${type}\n${sseData({ type, ...data })}`;

/**
 * The Responses events for a guarded chat stream's frames (`data: {chunk}\n\n` … `data: [DONE]\n\n`).
 * Returning early (the client left) returns the chat frames too, so the chat stream settles as it would.
 */
export async function* responsesEvents(
  frames: AsyncIterable<string>,
  meta: ResponsesStreamMeta,
): AsyncGenerator<string, void, void> {
  let seq = 0;
  let model = meta.model;
  const output: Item[] = [];
  let message: { item: Item; index: number; text: string } | undefined;
  let finish: string | null = null;
  let rampart: unknown;
  let usage: Record<string, unknown> | undefined;
  let created = false;

  const next = (type: string, data: Record<string, unknown>) =>
    event(type, { ...data, sequence_number: seq++ });
  const response = (status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    model,
    output: output.map((o) => ({ ...o })),
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    metadata: {},
    ...extra,
  });
  function* start(): Generator<string> {
    if (created) return;
    created = true;
    yield next('response.created', { response: response('in_progress') });
    yield next('response.in_progress', { response: response('in_progress') });
  }
  function* closeMessage(status: 'completed' | 'incomplete'): Generator<string> {
    if (!message) return;
    const { item, index, text } = message;
    message = undefined;
    const part = { type: 'output_text', text, annotations: [], logprobs: [] };
    const ids = { item_id: item.id, output_index: index, content_index: 0 };
    yield next('response.output_text.done', { ...ids, text, logprobs: [] });
    yield next('response.content_part.done', { ...ids, part });
    output[index] = { ...item, status, content: [part] };
    yield next('response.output_item.done', { output_index: index, item: output[index] });
  }

  for await (const frame of frames) {
    const data = frame.startsWith('data: ') ? frame.slice(6).trim() : '';
    if (data === '[DONE]') {
      yield* start();
      const filtered = finish === 'content_filter';
      yield* closeMessage(filtered || finish === 'length' ? 'incomplete' : 'completed');
      const reason = filtered ? 'content_filter' : finish === 'length' ? 'max_output_tokens' : null;
      const final = response(reason ? 'incomplete' : 'completed', {
        incomplete_details: reason ? { reason } : null,
        ...(usage ? { usage } : {}),
        ...(rampart !== undefined ? { rampart } : {}),
      });
      yield next(reason ? 'response.incomplete' : 'response.completed', { response: final });
      return;
    }
    let c: ChatFrameChunk;
    try {
      c = JSON.parse(data) as ChatFrameChunk;
    } catch {
      continue; // not a frame of ours (the chat stream writes only JSON objects and [DONE])
    }
    if (typeof c !== 'object' || c === null) continue;
    if (c.error) {
      // The chat stream failed (upstream, deadline, audit log): it has already ended. OpenAI's error event.
      yield next('error', {
        code: c.error.code ?? null,
        message: c.error.message ?? 'the stream failed',
        param: c.error.param ?? null,
      });
      return;
    }
    yield* start();
    if (c.model) model = c.model;
    if (c.usage) {
      const u = c.usage;
      usage = {
        input_tokens: u.prompt_tokens ?? 0,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: u.completion_tokens ?? 0,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
      };
    }
    if (c.rampart !== undefined) rampart = c.rampart;
    const choice = c.choices?.[0];
    if (!choice) continue;
    const text = choice.delta?.content;
    if (typeof text === 'string' && text.length > 0) {
      if (!message) {
        const index = output.length;
        const item: Item = {
          type: 'message',
          id: `msg_${meta.id.slice(5)}_${index}`,
          status: 'in_progress',
          role: 'assistant',
          content: [],
        };
        output.push(item);
        message = { item, index, text: '' };
        yield next('response.output_item.added', { output_index: index, item });
        yield next('response.content_part.added', {
          item_id: item.id,
          output_index: index,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
        });
      }
      message.text += text;
      yield next('response.output_text.delta', {
        item_id: message.item.id,
        output_index: message.index,
        content_index: 0,
        delta: text,
        logprobs: [],
      });
    }
    const calls = choice.delta?.tool_calls;
    if (calls?.length) {
      yield* closeMessage('completed');
      for (const call of calls) {
        const index = output.length;
        const callId = call.id ?? `call_${index}`;
        const name = call.function?.name ?? '';
        const args = call.function?.arguments ?? '';
        const item: Item = {
          type: 'function_call',
          id: `fc_${callId}`,
          call_id: callId,
          name,
          arguments: '',
          status: 'in_progress',
        };
        output.push(item);
        yield next('response.output_item.added', { output_index: index, item });
        if (args)
          yield next('response.function_call_arguments.delta', {
            item_id: item.id,
            output_index: index,
            delta: args,
          });
        yield next('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: index,
          name,
          arguments: args,
        });
        output[index] = { ...item, arguments: args, status: 'completed' };
        yield next('response.output_item.done', { output_index: index, item: output[index] });
      }
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  // The chat stream ended without [DONE] and without an error frame: the client left. Nothing to say.
}
