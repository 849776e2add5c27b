import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../src/rag/ingest/markdown.js';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';

describe('extractMarkdown', () => {
  it('reads link titles, image alt text and inline HTML on the HTML path', () => {
    const r = extractMarkdown(
      '# Notes\n\nSee [docs](https://x.example "the title") and ![a chart](c.png).\n\n<span style="font-size:0">tiny</span>\n\n<!-- c -->\n',
      DEFAULT_INGEST_LIMITS,
    );
    expect(r.parts.filter((p) => !p.hidden).map((p) => p.text)).toEqual(['Notes See docs and .']);
    expect(r.parts.filter((p) => p.hidden).map((p) => [p.hidden, p.text])).toEqual([
      ['title', 'the title'],
      ['alt', 'a chart'],
      ['zero_font', 'tiny'],
      ['comment', 'c'],
    ]);
  });
});
