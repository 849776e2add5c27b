import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml } from '../../src/core/escape-markup.js';

const hostile = fc.string({
  unit: fc
    .oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '\u0000',
        '\u000B',
        '\uFFFE',
        '\uFFFF',
        '\uD800',
        '\uDC00',
        '\n',
      ),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    )
    .map((c) => c),
  maxLength: 60,
});

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const unescape = (s: string) =>
  s
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;|&#39;/gu, "'")
    .replace(/&amp;/gu, '&');

describe('escapeXml and escapeHtml', () => {
  it('escape markup characters', () => {
    expect(escapeXml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml(`'"<script>`)).toBe('&#39;&quot;&lt;script&gt;');
  });

  it('replace characters XML 1.0 forbids, lone surrogates included, and keep pairs', () => {
    expect(escapeXml('a\u0000b\u001Fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXml('😀\t\n\r')).toBe('😀\t\n\r');
  });

  it('output is inert text, valid XML characters only, and unescapes to the input (property)', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        for (const out of [escapeXml(s), escapeHtml(s)]) {
          expect(out).not.toMatch(/[<>"']/u);
          // Every & starts one of the entities escaping produces.
          expect(out.replace(/&(?:lt|gt|amp|quot|apos|#39);/gu, '')).not.toContain('&');
          expect(out).toMatch(XML_CHAR);
          // Unescaped, it is the input with the forbidden characters replaced, one for one.
          const back = unescape(out);
          expect([...back].length).toBe([...s].length);
          expect(back.replace(/\uFFFD/gu, '')).toBe(
            s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]|\p{Cs}/gu, ''),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
