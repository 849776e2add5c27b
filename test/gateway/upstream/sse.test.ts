import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { createSseParser, type SseEvent } from '../../../src/gateway/upstream/sse.js';

const parseAll = (chunks: Array<string | Uint8Array>, limits?: Parameters<typeof createSseParser>[0]) => {
  const p = createSseParser(limits);
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
};

describe('SSE parser', () => {
  it('parses data, event and id fields, comments and [DONE]', () => {
    const events = parseAll([': keep-alive\n\nevent: delta\nid: 7\ndata: {"a":1}\n\ndata: [DONE]\n\n']);
    expect(events).toEqual([
      { event: 'delta', id: '7', data: '{"a":1}' },
      { id: '7', data: '[DONE]' },
    ]);
  });

  it('accepts \\n, \\r\\n and lone \\r line endings, and joins multi-line data with \\n', () => {
    expect(parseAll(['data: a\r\ndata: b\r\n\r\n'])).toEqual([{ data: 'a\nb' }]);
    expect(parseAll(['data: a\rdata: b\r\r'])).toEqual([{ data: 'a\nb' }]);
    expect(parseAll(['data:x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('treats a \\r\\n split across chunks as one line ending', () => {
    expect(parseAll(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('decodes UTF-8 split inside a character', () => {
    const bytes = new TextEncoder().encode('data: héllo 🎉\n\n');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(parseAll(chunks)).toEqual([{ data: 'héllo 🎉' }]);
  });

  it('marks an event that never got its blank line as incomplete (a truncated stream)', () => {
    expect(parseAll(['data: {"a":1}\n\ndata: {"b"'])).toEqual([
      { data: '{"a":1}' },
      { data: '{"b"', incomplete: true },
    ]);
    expect(parseAll(['data: [DONE]\n'])).toEqual([{ data: '[DONE]', incomplete: true }]);
  });

  it('fails with UPSTREAM_BAD_RESPONSE on an over-long line or event', () => {
    expect(() => parseAll(['data: ' + 'x'.repeat(200)], { maxLineChars: 100 })).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }),
    );
    expect(() => parseAll(['data: xxxxxxxx\n'.repeat(20)], { maxEventChars: 100 })).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }),
    );
  });

  const eventArb = fc.record({
    event: fc.option(fc.stringMatching(/^[a-z]{1,8}$/), { nil: undefined }),
    lines: fc.array(
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  });
  const eol = fc.constantFrom('\n', '\r\n', '\r');

  it('any re-chunking of a stream (strings or bytes) yields the same events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventArb, eol), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (evs, cuts, asBytes) => {
          const text = evs
            .map(
              ([e, nl]) =>
                (e.event ? `event: ${e.event}${nl}` : '') +
                e.lines.map((l) => `data: ${l}${nl}`).join('') +
                `: comment${nl}${nl}`,
            )
            .join('');
          const whole = parseAll([text]);
          const src: string | Uint8Array = asBytes ? new TextEncoder().encode(text) : text;
          const points = [...new Set(cuts.map((c) => c % (src.length + 1)))].sort((a, b) => a - b);
          const pieces: Array<string | Uint8Array> = [];
          let prev = 0;
          for (const p of [...points, src.length]) {
            pieces.push(src.slice(prev, p));
            prev = p;
          }
          expect(parseAll(pieces)).toEqual(whole);
          expect(whole.map((w) => w.data)).toEqual(evs.map(([e]) => e.lines.join('\n')));
        },
      ),
    );
  });

  it('hostile input never throws anything but a RampartError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), {
          maxLength: 20,
        }),
        (chunks) => {
          try {
            parseAll(chunks, { maxLineChars: 64, maxEventChars: 128 });
          } catch (e) {
            expect(isRampartError(e)).toBe(true);
          }
        },
      ),
    );
  });
});
