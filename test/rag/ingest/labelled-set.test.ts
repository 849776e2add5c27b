// The ingestion scan measured on a labelled set the test builds itself (test/helpers/ingest-corpus.ts): for
// each hiding place, every payload planted in a document of that format, and a clean twin with harmless text
// in the same place. A planted document counts as found when it has a `hidden_text.<how>` finding for that
// place with an action other than allow; a clean document counts as flagged when its action is not allow.
// Issue 19 asks recall per hiding place >= 0.95 and clean documents flagged <= 2%.
import { afterAll, describe, expect, it } from 'vitest';
import { scanDocument } from '../../../src/rag/ingest/scan-document.js';
import type { DocumentReport } from '../../../src/rag/ingest/types.js';
import {
  CLEAN_HIDDEN,
  DOCX_PLACES,
  HTML_PLACES,
  MARKDOWN_PLACES,
  PAYLOADS,
  PDF_PAGE_PLACES,
  SVG_PLACES,
  VISIBLE,
  docxDoc,
  htmlDoc,
  markdownDoc,
  pdfDoc,
  pngWithText,
  svgDoc,
  ingestTestGuard,
} from '../../helpers/ingest-corpus.js';

const guard = ingestTestGuard();
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const rows: Array<{
  format: string;
  place: string;
  found: number;
  planted: number;
  flagged: number;
  clean: number;
}> = [];

const found = (r: DocumentReport, how: string): boolean =>
  r.findings.some((f) => f.category === `hidden_text.${how}` && f.action !== 'allow');

async function measure(
  format: string,
  places: Record<string, unknown>,
  build: (place: string, text: string, visible: string) => Promise<Uint8Array> | Uint8Array,
  mime: string,
  expectedHow: (place: string) => string = (p) => p,
): Promise<void> {
  for (const place of Object.keys(places)) {
    let hits = 0;
    let flagged = 0;
    const misses: number[] = [];
    for (const [i, payload] of PAYLOADS.entries()) {
      const visible = VISIBLE[i % VISIBLE.length]!;
      const planted = await scanDocument(await build(place, payload, visible), mime, { guard, ocr: false });
      if (found(planted, expectedHow(place))) hits++;
      else misses.push(i);
      const clean = await scanDocument(await build(place, CLEAN_HIDDEN[i]!, visible), mime, {
        guard,
        ocr: false,
      });
      if (clean.action !== 'allow') flagged++;
    }
    rows.push({ format, place, found: hits, planted: PAYLOADS.length, flagged, clean: PAYLOADS.length });
    expect(
      hits / PAYLOADS.length,
      `${format} ${place} recall (missed payloads ${misses.join(',')})`,
    ).toBeGreaterThanOrEqual(0.95);
    expect(flagged / PAYLOADS.length, `${format} ${place} clean flagged`).toBeLessThanOrEqual(0.02);
  }
}

afterAll(() => {
  const total = rows.reduce(
    (a, r) => ({
      planted: a.planted + r.planted,
      found: a.found + r.found,
      clean: a.clean + r.clean,
      flagged: a.flagged + r.flagged,
    }),
    { planted: 0, found: 0, clean: 0, flagged: 0 },
  );
  console.log(
    [
      'ingest labelled set: format | hiding place | recall | clean flagged',
      ...rows.map((r) => `${r.format} | ${r.place} | ${r.found}/${r.planted} | ${r.flagged}/${r.clean}`),
      `all | ${rows.length} places | ${total.found}/${total.planted} | ${total.flagged}/${total.clean}`,
    ].join('\n'),
  );
});

describe('ingest labelled set: recall per hiding place >= 0.95, clean twins flagged <= 2%', () => {
  it('HTML: CSS (inline and <style>), aria-hidden, comments, alt/title, <noscript>, <template>', async () => {
    await measure(
      'html',
      HTML_PLACES,
      (p, t, v) => enc(htmlDoc(HTML_PLACES[p as keyof typeof HTML_PLACES](t), v)),
      'text/html',
    );
  }, 180_000);

  it('Markdown: link titles, image alt, inline HTML, comments', async () => {
    await measure(
      'markdown',
      MARKDOWN_PLACES,
      (p, t, v) => enc(markdownDoc(MARKDOWN_PLACES[p as keyof typeof MARKDOWN_PLACES](t), v)),
      'text/markdown',
    );
  }, 120_000);

  it('SVG: <desc>, <title>, white text, comments', async () => {
    await measure(
      'svg',
      SVG_PLACES,
      (p, t, v) => enc(svgDoc(SVG_PLACES[p as keyof typeof SVG_PLACES](t), v)),
      'image/svg+xml',
    );
  }, 120_000);

  it('DOCX: hidden runs (w:vanish), white runs, comments', async () => {
    await measure(
      'docx',
      DOCX_PLACES,
      (p, t, v) => docxDoc(DOCX_PLACES[p as keyof typeof DOCX_PLACES](t), v),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      (p) => (p === 'docx_white' ? 'docx_hidden' : p),
    );
  }, 120_000);

  it('image metadata: PNG text chunk (OCR off here; the OCR path has its own test)', async () => {
    await measure('image', { exif: 0 }, (_p, t) => pngWithText('Description', t), 'image/png');
  }, 60_000);

  it('PDF: render mode 3, outside the page box, tiny and white text, annotations (a page each), metadata', async () => {
    const pages = (texts: readonly string[]) =>
      PDF_PAGE_PLACES.flatMap((place) =>
        texts.map((text, i) => ({ place, text, visible: VISIBLE[i % VISIBLE.length]! })),
      );
    const meta = (t: readonly string[]) => ({ title: t[0]!, subject: t[1]!, keywords: t[2]!, author: t[3]! });
    const planted = await scanDocument(await pdfDoc(pages(PAYLOADS), meta(PAYLOADS)), 'application/pdf', {
      guard,
    });
    const clean = await scanDocument(
      await pdfDoc(pages(CLEAN_HIDDEN), meta(CLEAN_HIDDEN)),
      'application/pdf',
      { guard },
    );
    expect(planted.stats.pages).toBe(PDF_PAGE_PLACES.length * PAYLOADS.length);
    PDF_PAGE_PLACES.forEach((place, k) => {
      const hits = PAYLOADS.filter((_, i) =>
        planted.findings.some(
          (f) =>
            f.category === `hidden_text.${place}` &&
            f.action !== 'allow' &&
            f.location.page === k * PAYLOADS.length + i + 1,
        ),
      ).length;
      const flaggedPages = new Set(
        clean.findings
          .filter(
            (f) =>
              f.action !== 'allow' &&
              f.location.page !== undefined &&
              f.location.page > k * PAYLOADS.length &&
              f.location.page <= (k + 1) * PAYLOADS.length,
          )
          .map((f) => f.location.page),
      ).size;
      rows.push({
        format: 'pdf',
        place,
        found: hits,
        planted: PAYLOADS.length,
        flagged: flaggedPages,
        clean: PAYLOADS.length,
      });
      expect(hits / PAYLOADS.length, `pdf ${place} recall`).toBeGreaterThanOrEqual(0.95);
    });
    const metaHits = ['Title', 'Subject', 'Keywords', 'Author'].filter((field) =>
      planted.findings.some(
        (f) => f.category === 'hidden_text.metadata' && f.action !== 'allow' && f.location.field === field,
      ),
    ).length;
    rows.push({ format: 'pdf', place: 'metadata', found: metaHits, planted: 4, flagged: 0, clean: 4 });
    expect(metaHits).toBe(4);
    expect(clean.action).toBe('allow');
  }, 180_000);
});
