import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { FolderReport } from '../../../src/rag/ingest/folder.js';
import { formatLocation, renderIngestHtml } from '../../../src/rag/ingest/report-html.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';

const report: FolderReport = {
  documents: [
    {
      path: `${hostile}.html`,
      format: 'html',
      mime: 'text/html',
      bytes: 10,
      sha256: 'ab',
      action: 'block',
      findings: [
        {
          scanner: 'ingest',
          category: `hidden_text.${hostile}`,
          score: 1,
          action: 'block',
          message: hostile,
          location: { element: hostile, page: 2 },
        },
      ],
      stats: { parts: 1, hiddenParts: 1, chars: 9, hiddenChars: 9, images: 0, ocrMs: [] },
    },
  ],
  nearDuplicates: [{ a: hostile, b: 'b', similarity: 0.9 }],
  outliers: [{ id: hostile, reason: 'x' }],
  quarantined: [{ path: hostile, to: 'q', reasons: [hostile] }],
  summary: {
    documents: 1,
    byAction: { block: 1 },
    byCategory: {},
    unreadable: 0,
    images: 0,
    ocrMsPerImage: null,
  },
};

describe('renderIngestHtml', () => {
  it('is self-contained and escapes every value: no script, handler or element comes from the data', () => {
    const html = renderIngestHtml(report);
    expect(html).toContain("default-src 'none'");
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script').length).toBe(0);
    expect(document.querySelectorAll('img').length).toBe(0);
    expect(html).not.toContain('<script>');
    expect(document.body.textContent).toContain(hostile); // shown as text
  });

  it('formats locations', () => {
    expect(formatLocation({ page: 3, element: 'annotation Text' })).toBe('page 3, annotation Text');
    expect(formatLocation({ cell: 'table 1 row 2 cell 1' })).toBe('table 1 row 2 cell 1');
    expect(formatLocation({ image: 1, field: 'Description' })).toBe('image 1, field Description');
    expect(formatLocation({})).toBe('document');
  });
});
