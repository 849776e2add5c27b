import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ChatRequest, EmbeddingsRequest } from '../../src/gateway/openai-types.js';
import { ChatRequestSchema, EmbeddingsRequestSchema } from '../../src/gateway/request-schema.js';

describe('request schemas', () => {
  it('the request types are the schemas’ (no cast between a schema and a hand-written interface)', () => {
    expectTypeOf<ChatRequest>().toEqualTypeOf<z.infer<typeof ChatRequestSchema>>();
    expectTypeOf<EmbeddingsRequest>().toEqualTypeOf<z.infer<typeof EmbeddingsRequestSchema>>();
    const parsed: ChatRequest = ChatRequestSchema.parse({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
    });
    expect(parsed.temperature).toBe(0.2); // unknown fields pass through to the upstream
  });

  it('follows OpenAI’s content rules: required on user messages, optional on an assistant tool call', () => {
    const chat = (message: Record<string, unknown>) =>
      ChatRequestSchema.safeParse({ model: 'm', messages: [message] }).success;
    expect(chat({ role: 'user' })).toBe(false);
    expect(chat({ role: 'assistant' })).toBe(false);
    expect(
      chat({
        role: 'assistant',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      }),
    ).toBe(true);
    expect(chat({ role: 'function', content: null })).toBe(true);
    expect(ChatRequestSchema.safeParse({ model: 'm', messages: [] }).success).toBe(false);
  });

  it('embeddings take text, text arrays or token ids', () => {
    for (const input of ['a', ['a', 'b'], [1, 2], [[1], [2]]])
      expect(EmbeddingsRequestSchema.safeParse({ model: 'm', input }).success).toBe(true);
    expect(EmbeddingsRequestSchema.safeParse({ model: 'm', input: [{ text: 'a' }] }).success).toBe(false);
  });
});
