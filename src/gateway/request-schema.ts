// What the gateway accepts on its OpenAI-compatible routes. Only the fields Rampart reads are checked;
// everything else passes through to the upstream untouched (`loose`).
import { z } from 'zod';

const TextPartSchema = z.object({ type: z.literal('text'), text: z.string() }).loose();
const OtherPartSchema = z
  .object({ type: z.string().refine((t) => t !== 'text', 'a text part needs text') })
  .loose();

const ToolCallSchema = z
  .object({
    id: z.string().max(256),
    type: z.literal('function'),
    function: z.object({ name: z.string().max(256), arguments: z.string() }).loose(),
  })
  .loose();

export const ChatMessageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z
      .union([z.string(), z.array(z.union([TextPartSchema, OtherPartSchema])).max(1024), z.null()])
      .optional(),
    name: z.string().max(256).optional(),
    tool_calls: z.array(ToolCallSchema).max(128).optional(),
    tool_call_id: z.string().max(256).optional(),
    rampart: z.unknown().optional(),
  })
  .loose()
  .superRefine((m, ctx) => {
    if (m.content !== undefined && m.content !== null) return;
    // OpenAI's rules: content is required on system, developer, user and tool messages; an assistant
    // message may leave it null or out only when it carries what it said instead (tool calls, a function
    // call, a refusal or audio); a legacy function message's content may be null.
    if (m.role === 'function') return;
    if (
      m.role === 'assistant' &&
      ['tool_calls', 'function_call', 'refusal', 'audio'].some((k) => m[k] != null)
    )
      return;
    ctx.addIssue({
      code: 'custom',
      path: ['content'],
      message:
        m.role === 'assistant'
          ? 'an assistant message needs content unless it carries tool_calls, function_call, refusal or audio'
          : `a ${m.role} message needs content (a string or an array of parts)`,
    });
  });

const ToolDefinitionSchema = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().min(1).max(256),
        description: z
          .string()
          .max(64 * 1024)
          .optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      })
      .loose(),
  })
  .loose();

export const ChatRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    messages: z.array(ChatMessageSchema).min(1),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    tools: z.array(ToolDefinitionSchema).max(128).optional(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    n: z.number().int().min(1).max(1).nullish(),
  })
  .loose();

export const EmbeddingsRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    input: z.union([
      z.string(),
      z.array(z.string()).min(1).max(2048),
      z.array(z.number()),
      z.array(z.array(z.number())),
    ]),
  })
  .loose();

// The request types are what the schemas accept: one definition, no cast between a schema and an interface.
export type TextPart = z.infer<typeof TextPartSchema>;
/** Other parts (image_url, input_audio, file, ...) pass through; only their text is scanned. */
export type OtherPart = z.infer<typeof OtherPartSchema>;
export type ContentPart = TextPart | OtherPart;
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
export type ChatRole = ChatMessage['role'];
export type ToolCall = z.infer<typeof ToolCallSchema>;
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;
export type ChatRequest = z.infer<typeof ChatRequestSchema>;
export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequestSchema>;
