// The Responses API (POST /v1/responses) on upstreams that speak Chat Completions: the request is
// validated (zod), translated to a chat request and the chat answer translated back. The chat pipeline
// does the guarding, so trust rules, the input check, the output guard and the tool firewall are the same.
import { z } from 'zod';
import { badRequest } from '../http-errors.js';
import type { ChatMessage, ChatRequest } from '../request-schema.js';

const InputTextSchema = z.object({ type: z.enum(['input_text', 'output_text']), text: z.string() }).loose();

const MessageItemSchema = z
  .object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'system', 'developer', 'assistant']),
    content: z.union([z.string(), z.array(InputTextSchema).max(256)]),
  })
  .loose();

const FunctionCallItemSchema = z
  .object({
    type: z.literal('function_call'),
    call_id: z.string().max(256),
    name: z.string().max(256),
    arguments: z.string(),
  })
  .loose();

// A tool's output: a string, or text parts (what the Agents SDK sends for a tool that returns content
// parts); image and file parts are refused, as in messages.
const FunctionOutputItemSchema = z
  .object({
    type: z.literal('function_call_output'),
    call_id: z.string().max(256),
    output: z.union([z.string(), z.array(InputTextSchema).max(256)]),
  })
  .loose();

const InputItemSchema = z.union([MessageItemSchema, FunctionCallItemSchema, FunctionOutputItemSchema]);

const FunctionToolSchema = z
  .object({
    type: z.literal('function'),
    name: z.string().max(256),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  })
  .loose();

export const ResponsesRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    input: z.union([z.string(), z.array(InputItemSchema).min(1).max(4096)]),
    instructions: z.string().nullish(),
    stream: z.boolean().nullish(),
    tools: z.array(FunctionToolSchema).max(128).nullish(),
    max_output_tokens: z.number().int().positive().nullish(),
    temperature: z.number().nullish(),
    top_p: z.number().nullish(),
    tool_choice: z.unknown().optional(),
    parallel_tool_calls: z.boolean().nullish(),
    previous_response_id: z.string().nullish(),
    store: z.boolean().nullish(),
  })
  .loose();

export type ResponsesRequest = z.infer<typeof ResponsesRequestSchema>;

const textOf = (content: string | Array<{ text: string }>) =>
  typeof content === 'string' ? content : content.map((p) => p.text).join('');

/** Chat's tool_choice for a Responses one: a mode, or one function by name; anything else (a hosted tool,
 *  allowed_tools) is refused, as built-in tools are. */
function chatToolChoice(choice: unknown): unknown {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  const named = choice as { type?: unknown; name?: unknown } | null;
  if (
    named !== null &&
    typeof named === 'object' &&
    named.type === 'function' &&
    typeof named.name === 'string' &&
    named.name.length <= 256
  )
    return { type: 'function', function: { name: named.name } };
  throw badRequest(
    'tool_choice: only "auto", "none", "required" or { type: "function", name } are supported',
    'tool_choice',
    'unsupported_parameter',
  );
}

/** The chat request for a Responses request; refuses what a stateless chat translation cannot do. */
export function toChatRequest(body: ResponsesRequest): ChatRequest {
  if (body.previous_response_id != null) {
    throw badRequest(
      'previous_response_id is not supported: the gateway stores no responses; send the whole conversation in input',
      'previous_response_id',
      'unsupported_parameter',
    );
  }
  const messages: ChatMessage[] = [];
  if (body.instructions) messages.push({ role: 'developer', content: body.instructions });
  const items: Array<z.infer<typeof InputItemSchema>> =
    typeof body.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : body.input;
  for (const item of items) {
    if (item.type === 'function_call') {
      const call = item as z.infer<typeof FunctionCallItemSchema>;
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: call.call_id, type: 'function', function: { name: call.name, arguments: call.arguments } },
        ],
      } as ChatMessage);
    } else if (item.type === 'function_call_output') {
      const out = item as z.infer<typeof FunctionOutputItemSchema>;
      messages.push({ role: 'tool', tool_call_id: out.call_id, content: textOf(out.output) } as ChatMessage);
    } else {
      const m = item as z.infer<typeof MessageItemSchema>;
      messages.push({ role: m.role, content: textOf(m.content) } as ChatMessage);
    }
  }
  // A stream always asks for the usage chunk: response.completed carries the usage (responses/stream.ts).
  const chat: Record<string, unknown> = { model: body.model, messages, stream: body.stream === true };
  if (body.stream === true) chat.stream_options = { include_usage: true };
  if (body.max_output_tokens != null) chat.max_completion_tokens = body.max_output_tokens;
  if (body.temperature != null) chat.temperature = body.temperature;
  if (body.top_p != null) chat.top_p = body.top_p;
  if (body.tools?.length) {
    if (body.tool_choice != null) chat.tool_choice = chatToolChoice(body.tool_choice);
    if (body.parallel_tool_calls != null) chat.parallel_tool_calls = body.parallel_tool_calls;
    chat.tools = body.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description != null ? { description: t.description } : {}),
        ...(t.parameters != null ? { parameters: t.parameters } : {}),
      },
    }));
  }
  return chat as ChatRequest;
}

interface ChatAnswer {
  id?: string;
  created?: number;
  model?: string;
  choices?: Array<{
    finish_reason?: string | null;
    message?: {
      content?: string | null;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    };
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/** The Responses object for a (guarded) chat completion. */
export function fromChatAnswer(answer: ChatAnswer, model: string): Record<string, unknown> {
  const id = `resp_${(answer.id ?? '').replace(/[^A-Za-z0-9_-]/gu, '').slice(0, 64) || 'rampart'}`;
  const message = answer.choices?.[0]?.message;
  const output: Array<Record<string, unknown>> = [];
  const text = message?.content ?? '';
  if (text) {
    output.push({
      type: 'message',
      id: `msg_${id.slice(5)}`,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [] }],
    });
  }
  for (const call of message?.tool_calls ?? []) {
    output.push({
      type: 'function_call',
      id: `fc_${call.id}`,
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: 'completed',
    });
  }
  const u = answer.usage;
  // A withheld answer (the output guard stopped it) or one cut at max tokens is incomplete, as OpenAI says.
  const finish = answer.choices?.[0]?.finish_reason;
  const reason =
    finish === 'content_filter' ? 'content_filter' : finish === 'length' ? 'max_output_tokens' : null;
  return {
    id,
    object: 'response',
    created_at: answer.created ?? Math.floor(Date.now() / 1000),
    status: reason ? 'incomplete' : 'completed',
    incomplete_details: reason ? { reason } : null,
    model: answer.model ?? model,
    output,
    output_text: text,
    ...(u
      ? {
          usage: {
            input_tokens: u.prompt_tokens ?? 0,
            output_tokens: u.completion_tokens ?? 0,
            total_tokens: u.total_tokens ?? 0,
          },
        }
      : {}),
  };
}
