import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isRampartError } from '../../../src/core/errors.js';
import { extractPdf, pageImages, pageText } from '../../../src/rag/ingest/pdf.js';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';
import { pdfDoc } from '../../helpers/ingest-corpus.js';

const glyphs = (s: string) => [[...s].map((c) => ({ unicode: c }))];
const ops = (list: Array<[keyof typeof OPS, unknown[]]>) => ({
  fnArray: list.map(([op]) => OPS[op]),
  argsArray: list.map(([, args]) => args),
});

describe('pdf: text by drawing state', () => {
  it('tells visible text from render mode 3, off-page, tiny and white text (operator list)', () => {
    const parts = pageText(
      ops([
        ['beginText', []],
        ['setFont', ['f', 12]],
        ['setTextMatrix', [[1, 0, 0, 1, 50, 700]]],
        ['showText', glyphs('seen')],
        ['save', []],
        ['setTextRenderingMode', [3]],
        ['showText', glyphs('invisible')],
        ['restore', []],
        ['setTextMatrix', [[1, 0, 0, 1, 50, -40]]],
        ['showText', glyphs('below the page')],
        ['setTextMatrix', [[1, 0, 0, 1, 50, 600]]],
        ['setFont', ['f', 0.5]],
        ['showText', glyphs('tiny')],
        ['setFont', ['f', 12]],
        ['setFillRGBColor', ['#ffffff']],
        ['showText', glyphs('white')],
        ['setFillRGBColor', ['#000000']],
        ['moveText', [0, -20]],
        ['showText', glyphs('seen again')],
        ['endText', []],
      ]),
      OPS,
      [0, 0, 600, 800],
      3,
    );
    expect(parts).toEqual([
      { text: 'seen', location: { page: 3 } },
      { text: 'invisible', hidden: 'invisible_render', location: { page: 3 } },
      { text: 'below the page', hidden: 'outside_page', location: { page: 3 } },
      { text: 'tiny', hidden: 'tiny_text', location: { page: 3 } },
      { text: 'white', hidden: 'white_text', location: { page: 3 } },
      { text: 'seen again', location: { page: 3 } },
    ]);
  });

  it('scales the font size by the text and transformation matrices', () => {
    const parts = pageText(
      ops([
        ['transform', [0.05, 0, 0, 0.05, 0, 0]],
        ['beginText', []],
        ['setFont', ['f', 12]],
        ['showText', glyphs('shrunk')],
      ]),
      OPS,
      [0, 0, 600, 800],
      1,
    );
    expect(parts).toEqual([{ text: 'shrunk', hidden: 'tiny_text', location: { page: 1 } }]);
  });
});

describe('extractPdf', () => {
  it('reads a real PDF (pdf-lib): pages, hidden text, annotations and metadata with their place', async () => {
    const bytes = await pdfDoc(
      [
        { place: 'invisible_render', text: 'hidden one', visible: 'Page one text' },
        { place: 'annotation', text: 'note text', visible: 'Page two text' },
      ],
      { title: 'A title', subject: 'A subject', keywords: 'k', author: 'An author' },
    );
    const r = await extractPdf(bytes, DEFAULT_INGEST_LIMITS);
    expect(r.pages).toBe(2);
    expect(r.parts).toEqual(
      expect.arrayContaining([
        { text: 'Page one text', location: { page: 1 } },
        { text: 'hidden one', hidden: 'invisible_render', location: { page: 1 } },
        { text: 'note text', hidden: 'annotation', location: { page: 2, element: 'annotation Text' } },
        { text: 'A title', hidden: 'metadata', location: { field: 'Title' } },
        { text: 'An author', hidden: 'metadata', location: { field: 'Author' } },
      ]),
    );
    const limited = await extractPdf(bytes, { ...DEFAULT_INGEST_LIMITS, maxPages: 1 });
    expect(limited.truncated).toEqual(['pages after 1']);
    expect(limited.parts.some((p) => p.location.page === 2)).toBe(false);
  });

  it('refuses a corrupt or truncated PDF with DOCUMENT_INVALID, never a stack trace', async () => {
    for (const bytes of [new TextEncoder().encode('%PDF-1.7\nnot really'), new Uint8Array(0)]) {
      const e = await extractPdf(bytes, DEFAULT_INGEST_LIMITS).catch((x: unknown) => x);
      expect(isRampartError(e) && e.code).toBe('DOCUMENT_INVALID');
      expect((e as Error).message).toMatch(/^cannot read the PDF/);
    }
  });
});

describe('pdf: images a page paints', () => {
  const objs = (table: Record<string, unknown>) => ({
    get: (id: string, cb: (d: unknown) => void) => cb(table[id]),
  });
  const rgb = (w: number, h: number) => ({ width: w, height: h, kind: 2, data: new Uint8Array(w * h * 3) });

  it('re-encodes decoded images as PNG and skips unknown kinds, short data and oversized images', async () => {
    const page = {
      objs: objs({
        a: rgb(4, 2),
        huge: { width: 5000, height: 5000, kind: 2, data: new Uint8Array(3) },
        odd: { width: 2, height: 2, kind: 9, data: new Uint8Array(16) },
        short: { width: 4, height: 4, kind: 3, data: new Uint8Array(10) },
      }),
      commonObjs: objs({ g_1: { width: 9, height: 1, kind: 1, data: new Uint8Array(2) } }),
    };
    const out = await pageImages(
      ops([
        ['paintImageXObject', ['a', 4, 2]],
        ['paintImageXObject', ['a', 4, 2]], // the same image twice: once
        ['paintImageXObject', ['huge', 5000, 5000]],
        ['paintImageXObject', ['odd', 2, 2]],
        ['paintImageXObject', ['short', 4, 4]],
        ['paintImageXObject', ['g_1', 9, 1]],
        ['paintInlineImageXObject', [rgb(1, 1)]],
      ]),
      OPS,
      page,
      20,
    );
    expect(out).toHaveLength(3);
    for (const png of out) expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('stops one image over the budget it is given (the caller reports the truncation)', async () => {
    const table = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`i${i}`, rgb(1, 1)]));
    const list = Object.keys(table).map((id): ['paintImageXObject', unknown[]] => [
      'paintImageXObject',
      [id],
    ]);
    const out = await pageImages(ops(list), OPS, { objs: objs(table), commonObjs: objs({}) }, 3);
    expect(out).toHaveLength(4);
  });
});
