// The Responses ↔ chat translation: items to chat messages (roles kept, tool results as tool messages),
// refusals, the answer back, and hostile input that never throws anything but a 400.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/http-errors.js';
import { ChatRequestSchema } from '../../../src/gateway/request-schema.js';
import {
  fromChatAnswer,
  ResponsesRequestSchema,
  toChatRequest,
} from '../../../src/gateway/responses/translate.js';

describe('toChatRequest', () => {
  it('keeps roles, turns function items into tool calls and tool messages, and instructions into developer', () => {
    const chat = toChatRequest(
      ResponsesRequestSchema.parse({
        model: 'm',
        instructions: 'be brief',
        max_output_tokens: 50,
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }],
        input: [
          { role: 'system', content: 'sys' },
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'a' },
              { type: 'input_text', text: 'b' },
            ],
          },
          { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c1', output: 'result' },
        ],
      }),
    );
    expect(chat.messages.map((m) => m.role)).toEqual(['developer', 'system', 'user', 'assistant', 'tool']);
    expect(chat.messages[2]!.content).toBe('ab');
    expect(chat.messages[4]).toMatchObject({ tool_call_id: 'c1', content: 'result' });
    expect(chat.max_completion_tokens).toBe(50);
    expect(chat.tools?.[0]).toMatchObject({ type: 'function', function: { name: 'f' } });
    expect(ChatRequestSchema.safeParse(chat).success).toBe(true);
  });

  it('refuses previous_response_id with a 400 (no store), streamed or not', () => {
    for (const extra of [{}, { stream: true }]) {
      const body = { model: 'm', input: 'x', previous_response_id: 'r', ...extra };
      expect(() => toChatRequest(ResponsesRequestSchema.parse(body))).toThrow(GatewayError);
    }
  });

  it('reads a function_call_output given as text parts, and refuses image parts in it', () => {
    const chat = toChatRequest(
      ResponsesRequestSchema.parse({
        model: 'm',
        input: [
          { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
          {
            type: 'function_call_output',
            call_id: 'c1',
            output: [
              { type: 'input_text', text: 'a' },
              { type: 'input_text', text: 'b' },
            ],
          },
        ],
      }),
    );
    expect(chat.messages[1]).toMatchObject({ role: 'tool', tool_call_id: 'c1', content: 'ab' });
    const image = ResponsesRequestSchema.safeParse({
      model: 'm',
      input: [
        { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_image', image_url: 'x' }] },
      ],
    });
    expect(image.success).toBe(false);
  });

  it('translates tool_choice and parallel_tool_calls, and refuses a tool_choice it cannot express', () => {
    const base = { model: 'm', input: 'x', tools: [{ type: 'function', name: 'f' }] };
    const chat = (extra: object) => toChatRequest(ResponsesRequestSchema.parse({ ...base, ...extra }));
    expect(chat({ tool_choice: 'required', parallel_tool_calls: false })).toMatchObject({
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
    expect(chat({ tool_choice: { type: 'function', name: 'f' } })).toMatchObject({
      tool_choice: { type: 'function', function: { name: 'f' } },
    });
    expect(() => chat({ tool_choice: { type: 'web_search_preview' } })).toThrow(GatewayError);
  });

  it('turns stream: true into a chat stream that asks for the usage chunk', () => {
    const chat = toChatRequest(ResponsesRequestSchema.parse({ model: 'm', input: 'x', stream: true }));
    expect(chat).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(ChatRequestSchema.safeParse(chat).success).toBe(true);
  });

  it('on any input the schema accepts, gives a chat request or a 400, never another error', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (input, text) => {
        const parsed = ResponsesRequestSchema.safeParse({ model: 'm', input, instructions: text });
        if (!parsed.success) return;
        try {
          toChatRequest(parsed.data);
        } catch (e) {
          expect(e).toBeInstanceOf(GatewayError);
        }
      }),
    );
  });
});

describe('fromChatAnswer', () => {
  it('maps text, tool calls, usage and a withheld answer', () => {
    const r = fromChatAnswer(
      {
        id: 'chatcmpl-1',
        choices: [
          {
            finish_reason: 'content_filter',
            message: { content: 'hi', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{}' } }] },
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      },
      'm',
    );
    expect(r).toMatchObject({
      object: 'response',
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output_text: 'hi',
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
    });
    expect((r.output as Array<{ type: string }>).map((o) => o.type)).toEqual(['message', 'function_call']);
  });
});
