import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { extractDocx, hiddenRuns } from '../../../src/rag/ingest/docx.js';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';
import { DOCX_PLACES, docxDoc } from '../../helpers/ingest-corpus.js';

const L = DEFAULT_INGEST_LIMITS;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('docx', () => {
  it('finds hidden, white and tiny runs in word/document.xml, joining neighbours', () => {
    const r = (t: string, rPr = '') => `<w:r><w:rPr>${rPr}</w:rPr><w:t>${t}</w:t></w:r>`;
    const xml = `<w:document ${W}><w:body><w:p>${r('a')}${r('b', '<w:vanish/>')}${r('c', '<w:vanish/>')}${r('d')}${r('e', '<w:vanish w:val="false"/>')}${r('f', '<w:sz w:val="2"/>')}${r('g', '<w:color w:val="ffffff"/>')}</w:p></w:body></w:document>`;
    expect(hiddenRuns(xml)).toEqual([
      { text: 'bc', hidden: 'docx_hidden', location: { element: 'w:r 2' } },
      { text: 'fg', hidden: 'docx_hidden', location: { element: 'w:r 6' } },
    ]);
    const del = `<w:document ${W}><w:body><w:p>${r('kept')}<w:del w:id="1" w:author="x"><w:r><w:delText>struck out</w:delText></w:r></w:del></w:p></w:body></w:document>`;
    expect(hiddenRuns(del)).toEqual([
      { text: 'struck out', hidden: 'docx_deleted', location: { element: 'w:r 2' } },
    ]);
  });

  it('reads text, table cells with their place, hidden runs and comments (mammoth)', async () => {
    const r = await extractDocx(await docxDoc(DOCX_PLACES.docx_comment('the comment'), 'Body text.'), L);
    expect(r.parts).toEqual([
      { text: 'Body text.see note', location: { element: 'body' } },
      { text: 'Region', location: { cell: 'table 1 row 1 cell 1' } },
      { text: 'North', location: { cell: 'table 1 row 1 cell 2' } },
      { text: 'the comment', hidden: 'docx_comment', location: { element: 'comment 1' } },
    ]);
    const hidden = await extractDocx(await docxDoc(DOCX_PLACES.docx_hidden('vanished'), 'Body.'), L);
    expect(hidden.parts).toContainEqual({
      text: 'vanished',
      hidden: 'docx_hidden',
      location: { element: 'w:r 2' },
    });
  });

  it('refuses what is not a DOCX, and archives that inflate past the bound', async () => {
    const code = async (bytes: Uint8Array, limits = L) => {
      const e = await extractDocx(bytes, limits).catch((x: unknown) => x);
      return isRampartError(e) ? e.code : e;
    };
    expect(await code(new TextEncoder().encode('PK\u0003\u0004 broken'))).toBe('DOCUMENT_INVALID');
    const empty = new JSZip();
    empty.file('a.txt', 'x');
    expect(await code(await empty.generateAsync({ type: 'uint8array' }))).toBe('DOCUMENT_INVALID');
    const bomb = new JSZip();
    bomb.file('word/document.xml', ' '.repeat(200_000));
    const small = await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(small.length).toBeLessThan(5_000);
    expect(await code(small, { ...L, maxBytes: 10_000 })).toBe('DOCUMENT_TOO_LARGE');
  });
});
