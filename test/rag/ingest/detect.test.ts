import { describe, expect, it } from 'vitest';
import { detectFormat, magic, mimeForName } from '../../../src/rag/ingest/detect.js';

const b = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it('trusts signatures first, then the MIME type, the extension, then the text', () => {
    expect(detectFormat(b('%PDF-1.7'), 'text/html')).toBe('pdf');
    expect(detectFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'application/octet-stream')).toBe('image');
    expect(detectFormat(b('RIFF\0\0\0\0WEBP'), '')).toBe('image');
    expect(detectFormat(b('PK\u0003\u0004'), 'application/octet-stream', 'a.docx')).toBe('docx');
    expect(detectFormat(b('PK\u0003\u0004'), 'text/plain')).toBeUndefined(); // a ZIP that says text
    expect(detectFormat(b('# hi'), 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(detectFormat(b('# hi'), 'application/octet-stream', 'notes.md')).toBe('markdown');
    expect(detectFormat(b('  <svg xmlns="x"/>'), 'application/octet-stream')).toBe('svg');
    expect(detectFormat(b('<!DOCTYPE html><p>'), '')).toBe('html');
    expect(detectFormat(b('garbage'), 'application/pdf')).toBe('pdf'); // the PDF reader refuses it clearly
    expect(detectFormat(b('\u0000\u0001binary'), 'application/octet-stream')).toBeUndefined();
    expect(magic(b('GIF89a'))).toBe('image');
  });

  it('maps file names to MIME types', () => {
    expect(mimeForName('a/b/Report.PDF')).toBe('application/pdf');
    expect(mimeForName('x.jpg')).toBe('image/jpeg');
    expect(mimeForName('x.htm')).toBe('text/html');
    expect(mimeForName('x.exe')).toBe('application/octet-stream');
  });
});
