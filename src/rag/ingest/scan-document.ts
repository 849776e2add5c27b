// scanDocument: extract a document's text per format, visible and hidden, OCR its images, and scan every piece
// as untrusted with the guard BEFORE anything is chunked or embedded. Fails closed: a document that cannot be
// read is `block` with the reason, and a bound that stopped reading is an `ingest.truncated` flag.
import { createHash } from 'node:crypto';
import { RampartError, isRampartError } from '../../core/errors.js';
import { ACTION_SEVERITY, type Action } from '../../core/types.js';
import { createGuard, type Guard } from '../../policy/create-guard.js';
import { detectFormat, magic } from './detect.js';
import { extractDocx } from './docx.js';
import { extractHtml } from './html.js';
import { imageMetadataText, ocrOnlyText } from './image.js';
import { extractMarkdown } from './markdown.js';
import { createOcr, type Ocr } from './ocr.js';
import { extractPdf } from './pdf.js';
import { extractSvg } from './svg.js';
import {
  DEFAULT_INGEST_LIMITS,
  type DocumentFormat,
  type DocumentReport,
  type Extracted,
  type IngestFinding,
  type IngestLimits,
  type TextPart,
} from './types.js';
import { collapse } from './text.js';

export interface ScanDocumentOptions {
  /** The guard that scans the text (default: the shipped default policy). */
  guard?: Guard;
  limits?: Partial<IngestLimits>;
  /** OCR engine to use (shared across documents by `scanFolder`); false turns OCR off. Default: one for this call. */
  ocr?: Ocr | false;
  /** File name, used for the format when the MIME type is generic. */
  name?: string;
}

export const tooLarge = (size: number, max: number): RampartError =>
  new RampartError('DOCUMENT_TOO_LARGE', `the document is ${size} bytes, over the ${max}-byte limit`);

let defaultGuard: Guard | undefined;
const guardOf = (o: ScanDocumentOptions): Guard =>
  o.guard ?? (defaultGuard ??= createGuard(undefined, { warmUp: ['retrieval'] }));

const worst = (actions: readonly Action[]): Action =>
  actions.reduce<Action>((a, b) => (ACTION_SEVERITY[b] > ACTION_SEVERITY[a] ? b : a), 'allow');

const FATAL_CODES = new Set(['DOCUMENT_INVALID', 'DOCUMENT_TOO_LARGE', 'DOCUMENT_UNSUPPORTED']);

async function extract(format: DocumentFormat, bytes: Uint8Array, limits: IngestLimits): Promise<Extracted> {
  const text = (): string => {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch (cause) {
      throw new RampartError('DOCUMENT_INVALID', `cannot read the ${format} document: it is not UTF-8`, {
        cause,
      });
    }
  };
  switch (format) {
    case 'html':
      return extractHtml(text(), limits);
    case 'markdown':
      return extractMarkdown(text(), limits);
    case 'svg':
      return extractSvg(text(), limits);
    case 'pdf':
      return extractPdf(bytes, limits);
    case 'docx':
      return extractDocx(bytes, limits);
    case 'image':
      if (magic(bytes) !== 'image')
        throw new RampartError(
          'DOCUMENT_INVALID',
          'cannot read the image: it is not a PNG, JPEG, GIF or WebP file',
        );
      return { parts: [], images: [{ bytes, location: { image: 1 } }], truncated: [] };
    case 'text': {
      const t = text().slice(0, limits.maxTextChars);
      return { parts: t.trim() ? [{ text: t, location: {} }] : [], images: [], truncated: [] };
    }
  }
}

/** Splits text into pieces the guard accepts (its input limit is in UTF-8 bytes: 3 per UTF-16 unit at most). */
function pieces(text: string, maxBytes: number): string[] {
  const size = Math.max(1, Math.floor(maxBytes / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

interface Ingest {
  guard: Guard;
  findings: IngestFinding[];
  cleanHidden: Map<string, { count: number; part: TextPart }>;
}

async function scanPart(part: TextPart, ctx: Ingest, source: string): Promise<void> {
  const found: IngestFinding[] = [];
  for (const text of pieces(part.text, ctx.guard.policy.limits.max_input_bytes)) {
    try {
      const d = await ctx.guard.check('retrieval', [{ text, trust: 'untrusted', source }]);
      for (const f of d.findings) {
        found.push({
          scanner: f.scanner,
          category: f.category,
          score: f.score,
          action: f.action ?? d.action,
          message: f.message,
          location: part.location,
          ...(f.signals ? { signals: f.signals } : {}),
        });
      }
    } catch (cause) {
      found.push({
        scanner: 'ingest',
        category: 'ingest.scan_failed',
        score: 1,
        action: 'block',
        message: `the guard failed on this part (${isRampartError(cause) ? cause.code : 'error'})`,
        location: part.location,
      });
    }
  }
  ctx.findings.push(...found);
  if (!part.hidden) return;
  const action = worst(found.map((f) => f.action));
  if (action === 'allow') {
    const seen = ctx.cleanHidden.get(part.hidden);
    if (seen) seen.count++;
    else ctx.cleanHidden.set(part.hidden, { count: 1, part });
    return;
  }
  ctx.findings.push({
    scanner: 'ingest',
    category: `hidden_text.${part.hidden}`,
    score: Math.max(...found.map((f) => f.score)),
    action,
    message: `text hidden from a reader (${part.hidden.replace(/_/g, ' ')}) holds what the guard flagged`,
    location: part.location,
  });
}

/** The report on a document that could not be read: `block`, with the error's code and message. */
export function unreadableReport(
  base: Omit<DocumentReport, 'action' | 'findings' | 'text' | 'stats'>,
  e: unknown,
): DocumentReport {
  const err = isRampartError(e)
    ? e
    : new RampartError('DOCUMENT_INVALID', `cannot read the ${base.format} document`);
  return {
    ...base,
    action: 'block',
    findings: [
      {
        scanner: 'ingest',
        category: 'ingest.unreadable',
        score: 1,
        action: 'block',
        message: `${err.code}: ${err.message}`,
        location: {},
      },
    ],
    text: '',
    stats: { parts: 0, hiddenParts: 0, chars: 0, hiddenChars: 0, images: 0, ocrMs: [] },
    error: { code: err.code, message: err.message },
  };
}

/**
 * Scans one document: `bytes` as `mime` (a generic MIME type falls back to `options.name`'s extension and the
 * bytes' signature). Never throws for a bad document: the report says why it was refused.
 */
export async function scanDocument(
  bytes: Uint8Array,
  mime: string,
  options: ScanDocumentOptions = {},
): Promise<DocumentReport> {
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
  const format = detectFormat(bytes, mime, options.name);
  const base = {
    format: format ?? ('unknown' as const),
    mime,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  if (bytes.length > limits.maxBytes) return unreadableReport(base, tooLarge(bytes.length, limits.maxBytes));
  if (!format)
    return unreadableReport(
      base,
      new RampartError(
        'DOCUMENT_UNSUPPORTED',
        `no extractor for ${mime.split(';')[0]}: HTML, Markdown, SVG, PDF, DOCX, PNG/JPEG/GIF/WebP or text`,
      ),
    );
  let extracted: Extracted;
  try {
    extracted = await extract(format, bytes, limits);
  } catch (e) {
    if (isRampartError(e) && !FATAL_CODES.has(e.code)) throw e;
    return unreadableReport(base, e);
  }
  const ctx: Ingest = { guard: guardOf(options), findings: [], cleanHidden: new Map() };
  const parts = [...extracted.parts];
  const truncated = [...extracted.truncated];
  const visibleText = parts
    .filter((p) => !p.hidden)
    .map((p) => p.text)
    .join('\n\n');

  // Images: metadata text, then OCR within the document's budget; OCR-only text is hidden text.
  const ocrMs: number[] = [];
  const images = extracted.images.slice(0, limits.maxImages);
  if (extracted.images.length > limits.maxImages && !truncated.includes('images')) truncated.push('images');
  const ocr = options.ocr === false ? undefined : (options.ocr ?? createOcr());
  const ownOcr = options.ocr === undefined;
  try {
    let budget = limits.ocrBudgetMs;
    for (const image of images) {
      parts.push(...(await imageMetadataText(image.bytes, image.location.image)));
      if (!ocr) continue;
      if (budget <= 0) {
        if (!truncated.includes('OCR time budget')) truncated.push('OCR time budget');
        continue;
      }
      const r = await ocr.recognize(image.bytes, budget);
      budget -= r.ms;
      ocrMs.push(r.ms);
      if ('error' in r) {
        ctx.findings.push({
          scanner: 'ingest',
          category: 'ingest.ocr_incomplete',
          score: 1,
          action: 'flag',
          message:
            r.error === 'timeout'
              ? 'OCR ran out of the time budget on this image'
              : 'OCR could not read this image',
          location: image.location,
        });
        continue;
      }
      const only = ocrOnlyText(r.text, format === 'image' ? '' : visibleText);
      if (only) parts.push({ text: only, hidden: 'image', location: image.location });
    }
  } finally {
    if (ownOcr) await ocr?.close();
  }

  for (const part of parts) await scanPart(part, ctx, format);
  for (const [how, { count, part }] of ctx.cleanHidden)
    ctx.findings.push({
      scanner: 'ingest',
      category: `hidden_text.${how}`,
      score: 0.1,
      action: 'allow',
      message: `${count} piece${count === 1 ? '' : 's'} of text hidden from a reader (${how.replace(/_/g, ' ')}); nothing in ${count === 1 ? 'it' : 'them'} was flagged`,
      location: part.location,
    });
  for (const what of truncated)
    ctx.findings.push({
      scanner: 'ingest',
      category: 'ingest.truncated',
      score: 1,
      action: 'flag',
      message: `not all of the document was scanned: a bound was reached (${what})`,
      location: {},
    });
  return {
    ...base,
    action: worst(ctx.findings.map((f) => f.action)),
    findings: ctx.findings,
    text: collapse(visibleText) === '' ? '' : visibleText,
    stats: {
      parts: parts.length,
      hiddenParts: parts.filter((p) => p.hidden).length,
      chars: parts.reduce((n, p) => n + p.text.length, 0),
      hiddenChars: parts.reduce((n, p) => n + (p.hidden ? p.text.length : 0), 0),
      ...(extracted.pages !== undefined ? { pages: extracted.pages } : {}),
      images: images.length,
      ocrMs,
    },
  };
}
