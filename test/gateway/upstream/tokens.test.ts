import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRequestTokens, estimateTokens } from '../../../src/gateway/tokens.js';

describe('token estimates', () => {
  it('is about chars/4 with a floor of one token per word or punctuation mark', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('a b c d e')).toBe(5);
    expect(estimateTokens('hi, there!')).toBe(4);
  });

  it('is deterministic and monotone under concatenation (never less than either part alone)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(estimateTokens(a + ' ' + b)).toBeGreaterThanOrEqual(
          Math.max(estimateTokens(a), estimateTokens(b)),
        );
      }),
    );
  });

  it('matches the rule as written (max of chars/4 and words) on any text, ASCII or not', () => {
    // The rule spelled out plainly; estimateTokens computes it with a lookup table.
    const reference = (t: string) => {
      let words = 0;
      let inWord = false;
      for (const ch of t.split('')) {
        const c = ch.charCodeAt(0);
        if (c === 32 || (c >= 9 && c <= 13)) inWord = false;
        else if (/[0-9A-Za-z]/.test(ch) || c >= 128) {
          if (!inWord) words++;
          inWord = true;
        } else {
          words++;
          inWord = false;
        }
      }
      return t.length === 0 ? 0 : Math.max(Math.ceil(t.length / 4), words);
    };
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (t) => {
        expect(estimateTokens(t)).toBe(reference(t));
      }),
    );
  });

  it('counts every message, text part and tool definition of a request', () => {
    const base = { model: 'x', messages: [{ role: 'user' as const, content: 'hello world' }] };
    const n = estimateRequestTokens(base);
    expect(n).toBeGreaterThan(estimateTokens('hello world'));
    const withParts = estimateRequestTokens({
      model: 'x',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello world' },
            { type: 'image_url', image_url: {} },
          ],
        },
      ],
    });
    expect(withParts).toBe(n);
    const withTools = estimateRequestTokens({
      ...base,
      tools: [
        {
          type: 'function',
          function: { name: 'search', description: 'search the web', parameters: { type: 'object' } },
        },
      ],
    });
    expect(withTools).toBeGreaterThan(n);
  });
});
