import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/gateway/openai-types.js';
import { contentText, estimateRequestTokens, estimateTokens } from '../../src/gateway/tokens.js';

describe('estimateTokens', () => {
  it('is max(ceil(chars / 4), words), a word being a run of letters/digits or one other character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('hello')).toBe(2); // 5 chars → 2; 1 word
    expect(estimateTokens('a b c d e')).toBe(5); // 9 chars → 3; 5 words
    expect(estimateTokens('a,b;c')).toBe(5); // punctuation is its own word
    expect(estimateTokens('x'.repeat(400))).toBe(100);
    expect(estimateTokens('😀😀')).toBe(1); // 4 UTF-16 units, one run of "letters"
    expect(estimateTokens('\t\n  ')).toBe(1);
  });

  it('never counts less than a quarter of the characters, never shrinks when text is added, and is subadditive (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const ea = estimateTokens(a);
        expect(ea).toBeGreaterThanOrEqual(Math.ceil(a.length / 4));
        expect(ea).toBeLessThanOrEqual(a.length);
        expect(estimateTokens(a + b)).toBeGreaterThanOrEqual(ea);
        expect(estimateTokens(a + b)).toBeLessThanOrEqual(ea + estimateTokens(b));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('contentText', () => {
  it('joins the text parts and skips everything else', () => {
    expect(contentText('plain')).toBe('plain');
    expect(contentText(null)).toBe('');
    expect(
      contentText([
        { type: 'text', text: 'one' },
        { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
        { type: 'text', text: 'two' },
      ] as never),
    ).toBe('one\ntwo');
    expect(contentText([null, { type: 'text', text: 5 }, { type: 'text' }] as never)).toBe('');
  });
});

describe('estimateRequestTokens', () => {
  it('counts messages (with 4 tokens of framing each), tool calls and tool definitions', () => {
    const req = {
      model: 'm',
      messages: [
        { role: 'user', content: 'hello' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'get', arguments: '{"a":1}' } }],
        },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'get', description: 'Get it', parameters: { type: 'object' } },
        },
      ],
    } as ChatRequest;
    const expected =
      4 +
      estimateTokens('hello') +
      4 +
      estimateTokens('get') +
      estimateTokens('{"a":1}') +
      estimateTokens('get Get it {"type":"object"}');
    expect(estimateRequestTokens(req)).toBe(expected);
  });

  it('never throws, whatever shape it is given, and counts a circular schema as nothing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const req = {
      tools: [{ function: { name: 'f', parameters: circular } }, null],
    } as unknown as ChatRequest;
    // The circular schema counts as '' and the null tool as an empty definition ('{}').
    expect(estimateRequestTokens(req)).toBe(estimateTokens('f  ') + estimateTokens('  {}'));
    expect(estimateRequestTokens({ tools: [{ function: { parameters: { n: 1n } } }] } as never)).toBe(
      estimateTokens('  '),
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (messages, tools, whole) => {
        for (const r of [{ messages, tools }, whole])
          expect(Number.isInteger(estimateRequestTokens(r as ChatRequest))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
