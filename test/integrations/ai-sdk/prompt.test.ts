import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promptSegments, redactPrompt, type Prompt } from '../../../src/integrations/ai-sdk/prompt.js';

const prompt: Prompt = [
  { role: 'system', content: 'You are helpful.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Read the attached note.' },
      {
        type: 'file',
        mediaType: 'text/plain',
        filename: 'note.txt',
        data: { type: 'text', text: 'Note body.' },
      },
      {
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'url', url: new URL('https://x.example/a.png') },
      },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Calling the tool.' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'search', input: { q: 'x' } },
    ],
  },
  {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: 'c1',
        toolName: 'search',
        output: { type: 'json', value: { hits: ['a'] } },
      },
      {
        type: 'tool-result',
        toolCallId: 'c2',
        toolName: 'fetch',
        output: { type: 'content', value: [{ type: 'text', text: 'Page text.' }] },
      },
    ],
  },
];

describe('promptSegments', () => {
  it('labels with the gateway trust rules: system trusted, user and assistant user, tool results and files untrusted', () => {
    const { segments, systemPrompts } = promptSegments(prompt);
    expect(segments.map((s) => [s.trust, s.text])).toEqual([
      ['system', 'You are helpful.'],
      ['user', 'Read the attached note.'],
      ['untrusted', 'Note body.'],
      ['user', 'Calling the tool.'],
      ['untrusted', '{"hits":["a"]}'],
      ['untrusted', 'Page text.'],
    ]);
    expect(segments[4]!.source).toBe('tool:search');
    expect(systemPrompts).toEqual(['You are helpful.']);
  });

  it('writes redacted texts back where they came from, leaving the input untouched', () => {
    const { segments, origins } = promptSegments(prompt);
    const redacted = segments.map((s) => ({ ...s, text: s.text.replace(/[a-z"]/gu, 'x') }));
    const out = redactPrompt(prompt, origins, redacted);
    expect(promptSegments(out).segments.map((s) => s.text)).toEqual(redacted.map((s) => s.text));
    // JSON no longer parses after redaction: the tool result becomes text, still untrusted
    expect(
      out[3]!.role === 'tool' &&
        out[3]!.content[0]!.type === 'tool-result' &&
        out[3]!.content[0]!.output.type,
    ).toBe('text');
    expect(promptSegments(prompt).segments[1]!.text).toBe('Read the attached note.');
  });

  it('property: any texts round-trip through redactPrompt, one segment per non-empty text', () => {
    const part = fc.oneof(
      fc.record({ type: fc.constant('text' as const), text: fc.string() }),
      fc.record({ type: fc.constant('reasoning' as const), text: fc.string() }),
    );
    const msg = fc.oneof(
      fc.record({ role: fc.constant('system' as const), content: fc.string() }),
      fc.record({
        role: fc.constant('user' as const),
        content: fc.array(
          part.filter((p) => p.type === 'text'),
          { maxLength: 4 },
        ),
      }),
      fc.record({ role: fc.constant('assistant' as const), content: fc.array(part, { maxLength: 4 }) }),
      fc.record({
        role: fc.constant('tool' as const),
        content: fc.array(
          fc.record({
            type: fc.constant('tool-result' as const),
            toolCallId: fc.string(),
            toolName: fc.string(),
            output: fc.oneof(
              fc.record({ type: fc.constant('text' as const), value: fc.string() }),
              fc.record({ type: fc.constant('json' as const), value: fc.jsonValue() }),
            ),
          }),
          { maxLength: 3 },
        ),
      }),
    );
    fc.assert(
      fc.property(fc.array(msg, { maxLength: 6 }), fc.string(), (messages, repl) => {
        const p = messages as Prompt;
        const { segments, origins } = promptSegments(p);
        expect(segments.every((s) => s.text.length > 0)).toBe(true);
        const redacted = segments.map((s) => ({ ...s, text: `${repl}!` }));
        const again = promptSegments(redactPrompt(p, origins, redacted)).segments;
        expect(again.map((s) => [s.trust, s.text])).toEqual(redacted.map((s) => [s.trust, s.text]));
      }),
    );
  });
});
