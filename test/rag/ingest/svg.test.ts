import { describe, expect, it } from 'vitest';
import { extractSvg } from '../../../src/rag/ingest/svg.js';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';

describe('extractSvg', () => {
  it('takes <text> as visible and <desc>, <title>, comments and invisible text as hidden', () => {
    const r = extractSvg(
      `<svg xmlns="http://www.w3.org/2000/svg"><title>T</title><desc>D</desc><!-- C -->
       <text x="1" y="9">Sales <tspan>2024</tspan></text><text fill="#fff">W</text>
       <text style="display:none">N</text><g opacity="0"><text>G</text></g><metadata>M</metadata></svg>`,
      DEFAULT_INGEST_LIMITS,
    );
    expect(r.parts.filter((p) => !p.hidden).map((p) => p.text)).toEqual(['Sales 2024']);
    expect(r.parts.filter((p) => p.hidden).map((p) => [p.hidden, p.text])).toEqual([
      ['title', 'T'],
      ['svg_desc', 'D'],
      ['comment', 'C'],
      ['same_color', 'W'],
      ['display_none', 'N'],
      ['transparent', 'G'],
      ['svg_desc', 'M'],
    ]);
  });

  it('reads comments outside the root element', () => {
    const r = extractSvg(
      '<?xml version="1.0"?><!-- before --><svg xmlns="http://www.w3.org/2000/svg"/>',
      DEFAULT_INGEST_LIMITS,
    );
    expect(r.parts).toEqual([{ text: 'before', hidden: 'comment', location: { element: 'comment' } }]);
  });

  it('returns nothing for text that is not SVG, without throwing', () => {
    expect(extractSvg('not xml at all <<<', DEFAULT_INGEST_LIMITS).parts).toEqual([]);
  });
});
