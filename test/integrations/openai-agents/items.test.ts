// Agent input items → labelled segments (roles keep the gateway's trust, tool outputs untrusted), output
// values → text, the bounds, and arbitrary values that never throw anything but TooLargeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inputSegments,
  MAX_CHARS,
  MAX_ITEMS,
  outputText,
  TooLargeError,
} from '../../../src/integrations/openai-agents/items.js';

describe('inputSegments', () => {
  it('labels messages by role and every tool output as untrusted', () => {
    expect(
      inputSegments([
        { role: 'system', content: 'sys' },
        { role: 'developer', content: 'dev' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'a' },
            { type: 'input_text', text: 'b' },
          ],
        },
        { role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'ok' }] },
        { type: 'function_call', callId: 'c', name: 'f', arguments: '{}' },
        { type: 'function_call_result', callId: 'c', name: 'f', output: { type: 'text', text: 'page' } },
        { type: 'shell_call_output', output: [{ stdout: 'x' }, { type: 'text', text: 'log' }] },
        { role: 'tool', content: 'odd role' },
      ]),
    ).toEqual([
      { text: 'sys', trust: 'system', role: 'system', source: 'agent_input' },
      { text: 'dev', trust: 'system', role: 'developer', source: 'agent_input' },
      { text: 'a\nb', trust: 'user', role: 'user', source: 'agent_input' },
      { text: 'ok', trust: 'user', role: 'assistant', source: 'agent_input' },
      { text: 'page', trust: 'untrusted', source: 'function_call_result' },
      { text: 'log', trust: 'untrusted', source: 'shell_call_output' },
      { text: 'odd role', trust: 'untrusted', role: 'tool', source: 'agent_input' },
    ]);
    expect(inputSegments('hi')).toEqual([{ text: 'hi', trust: 'user', role: 'user', source: 'agent_input' }]);
  });

  it('refuses what it cannot read whole (too many items or characters)', () => {
    expect(() => inputSegments(new Array(MAX_ITEMS + 1).fill({ role: 'user', content: 'x' }))).toThrow(
      TooLargeError,
    );
    const half = 'x'.repeat(MAX_CHARS / 2 + 1);
    expect(() =>
      inputSegments([
        { role: 'user', content: half },
        { role: 'user', content: half },
      ]),
    ).toThrow(TooLargeError);
  });
});

describe('outputText', () => {
  it('reads strings, text parts and other values as JSON', () => {
    expect(outputText('s')).toBe('s');
    expect(outputText({ type: 'text', text: 't' })).toBe('t');
    expect(
      outputText([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('a\nb');
    expect(outputText({ temp: 21 })).toBe('{"temp":21}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(outputText(cyclic)).toBe('[object Object]');
    expect(outputText(10n)).toBe('10');
  });
});

describe('hostile values', () => {
  it('reads an object that cannot be turned into a string (a BigInt inside, toString not a function)', () => {
    expect(outputText({ toString: [], '': 0n })).toBe('[object Object]');
  });

  it('never throw anything but TooLargeError', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, maxDepth: 12 }), (v) => {
        for (const f of [() => inputSegments(Array.isArray(v) ? v : [v]), () => outputText(v)]) {
          try {
            f();
          } catch (e) {
            expect(e).toBeInstanceOf(TooLargeError);
          }
        }
      }),
    );
  });
});
