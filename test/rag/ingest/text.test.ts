import { describe, expect, it } from 'vitest';
import { collapse, dataUriImage } from '../../../src/rag/ingest/text.js';

describe('text helpers', () => {
  it('collapses whitespace', () => {
    expect(collapse('  a \n\t b  ')).toBe('a b');
  });

  it('decodes base64 data:image URIs only', () => {
    expect(dataUriImage('data:image/png;base64,aGk=')).toEqual(new Uint8Array([104, 105]));
    expect(dataUriImage('DATA:IMAGE/GIF;BASE64,aGk=')).toEqual(new Uint8Array([104, 105]));
    expect(dataUriImage('data:text/plain;base64,aGk=')).toBeUndefined();
    expect(dataUriImage('data:image/png,raw')).toBeUndefined();
    expect(dataUriImage('data:image/png;base64,')).toBeUndefined();
    expect(dataUriImage('https://example.com/a.png')).toBeUndefined();
  });
});
