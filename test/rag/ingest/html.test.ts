import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/rag/ingest/html.js';
import { dataUriImage } from '../../../src/rag/ingest/text.js';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';

const L = DEFAULT_INGEST_LIMITS;
const page = (body: string, head = '') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('extractHtml', () => {
  it('splits visible text from each hiding place, with the element it sat in', () => {
    const r = extractHtml(
      page(
        `<p>Seen <b>text</b></p><div id="x" style="display:none">gone</div><span class="h">sheet</span>
         <!-- note --><img alt="a cat" src="cat.png"><a title="tip" href="/">link</a><noscript>ns</noscript>
         <template><p>tpl</p></template><div aria-hidden="true">aria</div><p hidden>attr</p>`,
        '<style>.h { visibility: hidden }</style>',
      ),
      L,
    );
    const visible = r.parts.filter((p) => !p.hidden);
    expect(visible).toEqual([{ text: 'Seen text link', location: { element: 'body' } }]);
    const hidden = r.parts.filter((p) => p.hidden).map((p) => [p.hidden, p.text, p.location.element]);
    expect(hidden).toEqual([
      ['display_none', 'gone', 'div#x'],
      ['visibility_hidden', 'sheet', 'span'],
      ['comment', 'note', 'comment'],
      ['alt', 'a cat', 'img'],
      ['title', 'tip', 'a'],
      ['noscript', 'ns', 'noscript'],
      ['template', 'tpl', 'template'],
      ['aria_hidden', 'aria', 'div'],
      ['display_none', 'attr', 'p'],
    ]);
  });

  it('reads a fragment without <html> or <body> to the end', () => {
    const r = extractHtml('<!-- c --><p>Prices</p>tail <div style="display:none">gone</div><b>last</b>', L);
    expect(r.parts.filter((p) => !p.hidden).map((p) => p.text)).toEqual(['Prices tail last']);
    expect(r.parts.filter((p) => p.hidden).map((p) => [p.hidden, p.text])).toEqual([
      ['comment', 'c'],
      ['display_none', 'gone'],
    ]);
  });

  it('finds comments and attributes inside hidden elements too', () => {
    const r = extractHtml(page('<div style="display:none">x<!-- inner --><img alt="inner alt"></div>'), L);
    expect(r.parts.filter((p) => p.hidden).map((p) => p.hidden)).toEqual(['display_none', 'comment', 'alt']);
  });

  it('reads <meta> content and inline SVG (its <text> visible, its <desc> hidden)', () => {
    const r = extractHtml(
      page(
        '<p>Chart:</p><svg><desc>svg note</desc><text>Q1 sales</text></svg>',
        '<meta name="description" content="meta note"><meta charset="utf-8">',
      ),
      L,
    );
    expect(r.parts.filter((p) => !p.hidden).map((p) => p.text)).toEqual(['Chart: Q1 sales']);
    expect(r.parts.filter((p) => p.hidden).map((p) => [p.hidden, p.text, p.location])).toEqual([
      ['metadata', 'meta note', { element: 'meta', field: 'description' }],
      ['svg_desc', 'svg note', { element: 'svg desc' }],
    ]);
  });

  it('does not count script or style content as visible text', () => {
    const r = extractHtml(page('<script>var a = 1;</script><style>p{}</style><p>ok</p>'), L);
    expect(r.parts).toEqual([{ text: 'ok', location: { element: 'body' } }]);
  });

  it('returns data: URI images for OCR, bounded by maxImages', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const r = extractHtml(page(`<img src="${png}"><img src="${png}"><img src="https://x/y.png">`), {
      ...L,
      maxImages: 1,
    });
    expect(r.images).toHaveLength(1);
    expect(r.images[0]!.location).toEqual({ element: 'img', image: 1 });
    expect(r.truncated).toContain('images');
    expect(dataUriImage('data:text/plain;base64,aGk=')).toBeUndefined();
    expect(dataUriImage('data:image/png,raw')).toBeUndefined();
  });

  it('bounds nesting depth and text size', () => {
    const deep = '<div>'.repeat(400) + 'deep' + '</div>'.repeat(400);
    expect(extractHtml(page(deep), L).truncated).toContain('nesting');
    expect(extractHtml(page(`<p>${'a'.repeat(200)}</p>`), { ...L, maxTextChars: 50 }).truncated).toContain(
      'text',
    );
  });

  it('never throws on hostile markup (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        expect(Array.isArray(extractHtml(junk, L).parts)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('text planted under display:none is hidden text, never visible text, whatever text precedes it (property)', () => {
    // Text without '<': markup before the planted element cannot swallow its tag (as `<?` would, in a browser too).
    const prefix = fc.string({ maxLength: 200 }).filter((s) => !s.includes('<'));
    fc.assert(
      fc.property(prefix, fc.stringMatching(/^[a-z]{12,20}$/), (junk, secret) => {
        const r = extractHtml(`${junk}<div style="display:none">${secret}</div>`, L);
        const visible = r.parts
          .filter((p) => !p.hidden)
          .map((p) => p.text)
          .join(' ');
        expect(!visible.includes(secret) || junk.includes(secret)).toBe(true);
        expect(r.parts.some((p) => p.hidden === 'display_none' && p.text === secret)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
