// Markdown extraction: renders with marked (CommonMark + GFM) and reads the HTML it makes on the HTML path, so
// inline HTML, comments and styles in a Markdown file are the HTML hiding places, link titles become
// `hidden_text.title` and image alt text `hidden_text.alt`.
import { Marked } from 'marked';
import { extractHtml } from './html.js';
import type { Extracted, IngestLimits } from './types.js';

export function extractMarkdown(markdown: string, limits: IngestLimits): Extracted {
  const html = new Marked({ gfm: true, async: false }).parse(markdown) as string;
  return extractHtml(`<!doctype html><html><body>${html}</body></html>`, limits);
}
