// PDF extraction with pdfjs-dist (legacy build, no worker thread, no eval, no font loading). The text is read
// from each page's operator list, where the drawing state is known: text drawn in render mode 3/7 (invisible),
// outside the page box, too small to read or in white is hidden; annotations and metadata are hidden text too.
import { crc32, deflateSync } from 'node:zlib';
import { RampartError } from '../../core/errors.js';
import type { Extracted, HiddenHow, ImageRef, IngestLimits, TextPart } from './types.js';
import { collapse } from './text.js';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const toMatrix = (a: unknown): Matrix | undefined => {
  if (a === null || typeof a !== 'object') return undefined;
  const v = Array.from(a as ArrayLike<number>).slice(0, 6);
  return v.length === 6 && v.every(Number.isFinite) ? (v as Matrix) : undefined;
};

/** Text drawn smaller than this (points on the page) cannot be read. */
const TINY_PT = 2;
/** A fill whose every channel is at least this is white on a white page. */
const WHITE_MIN = 0xf0;

interface DrawState {
  ctm: Matrix;
  renderMode: number;
  fill: [number, number, number];
  fontSize: number;
}

function parseFill(args: unknown[]): [number, number, number] | undefined {
  const a = args[0];
  if (typeof a === 'string' && a.startsWith('#') && a.length === 7) {
    const n = Number.parseInt(a.slice(1), 16);
    return Number.isFinite(n) ? [(n >> 16) & 255, (n >> 8) & 255, n & 255] : undefined;
  }
  if (args.length >= 3 && args.slice(0, 3).every((x) => typeof x === 'number'))
    return [args[0], args[1], args[2]].map((x) => Math.round((x as number) * 255)) as [
      number,
      number,
      number,
    ];
  return undefined;
}

const glyphText = (glyphs: unknown): string => {
  if (!Array.isArray(glyphs)) return '';
  let s = '';
  for (const g of glyphs) {
    if (typeof g === 'number') {
      if (g < -200) s += ' '; // a large negative kern is a word gap
    } else if (g && typeof g === 'object' && 'unicode' in g)
      s += String((g as { unicode: unknown }).unicode ?? '');
  }
  return s;
};

interface PdfOps {
  fnArray: number[];
  argsArray: unknown[][];
}

/** Splits one page's operator list into visible and hidden runs of text. */
export function pageText(
  ops: PdfOps,
  OPS: Readonly<Record<string, number>>,
  view: readonly number[],
  page: number,
): TextPart[] {
  const parts: TextPart[] = [];
  let current: { how: HiddenHow | undefined; text: string[] } | undefined;
  const flush = (): void => {
    if (current) {
      const t = collapse(current.text.join(' '));
      if (t)
        parts.push(
          current.how
            ? { text: t, hidden: current.how, location: { page } }
            : { text: t, location: { page } },
        );
    }
    current = undefined;
  };
  const stack: DrawState[] = [];
  let st: DrawState = { ctm: IDENTITY, renderMode: 0, fill: [0, 0, 0], fontSize: 12 };
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = view;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform: {
        const m = toMatrix(args);
        if (m) st.ctm = multiply(m, st.ctm);
        break;
      }
      case OPS.beginText:
        tm = IDENTITY;
        tlm = IDENTITY;
        break;
      case OPS.setTextRenderingMode:
        st.renderMode = Number(args[0]) || 0;
        break;
      case OPS.setFillRGBColor: {
        const f = parseFill(args);
        if (f) st.fill = f;
        break;
      }
      case OPS.setFont:
        st.fontSize = Math.abs(Number(args[1]) || 0);
        break;
      case OPS.setLeading:
        leading = Number(args[0]) || 0;
        break;
      case OPS.setTextMatrix: {
        const m = toMatrix(args[0] ?? args) ?? toMatrix(args);
        if (m) tm = tlm = m;
        break;
      }
      case OPS.moveText:
      case OPS.setLeadingMoveText: {
        const tx = Number(args[0]) || 0;
        const ty = Number(args[1]) || 0;
        if (fn === OPS.setLeadingMoveText) leading = -ty;
        tm = tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
        break;
      }
      case OPS.nextLine:
        tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
      case OPS.nextLineShowText:
      case OPS.nextLineSetSpacingShowText: {
        const glyphs = fn === OPS.nextLineSetSpacingShowText ? args[2] : args[0];
        const text = glyphText(glyphs);
        if (!text.trim()) break;
        const m = multiply(tm, st.ctm);
        const size = st.fontSize * Math.hypot(m[2], m[3]);
        const [x, y] = [m[4], m[5]];
        let how: HiddenHow | undefined;
        if (st.renderMode === 3 || st.renderMode === 7) how = 'invisible_render';
        else if (x < x0 - 1 || x > x1 + 1 || y < y0 - 1 || y > y1 + 1) how = 'outside_page';
        else if (size < TINY_PT) how = 'tiny_text';
        else if (st.fill.every((c) => c >= WHITE_MIN)) how = 'white_text';
        if (!current || current.how !== how) {
          flush();
          current = { how, text: [] };
        }
        current.text.push(text);
        break;
      }
      default:
        break;
    }
  }
  flush();
  return parts;
}

const METADATA_KEYS = ['Title', 'Subject', 'Keywords', 'Author', 'Creator'] as const;

interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDoc>; destroy(): Promise<void> };
  OPS: Record<string, number>;
}
interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{
    info?: Record<string, unknown>;
    metadata?: { getAll(): Record<string, unknown> } | null;
  }>;
  destroy(): Promise<void>;
}
interface PdfImage {
  width?: unknown;
  height?: unknown;
  kind?: unknown;
  data?: unknown;
}
interface PdfObjs {
  /** With a callback: called once pdfjs has decoded the object (the operator list does not wait for it). */
  get(id: string, callback: (data: unknown) => void): void;
}
interface PdfPage {
  view: number[];
  objs: PdfObjs;
  commonObjs: PdfObjs;
  getOperatorList(): Promise<PdfOps>;
  getAnnotations(): Promise<Array<Record<string, unknown>>>;
  cleanup(): void;
}

/** Images larger than this (pixels) are not OCR'd: decoding and recognising them would outrun the budget. */
const MAX_IMAGE_PIXELS = 16_000_000;
/** pdfjs ImageKind: 1 bit grey (a set bit is white), 8-bit RGB, 8-bit RGBA. */
const IMAGE_KIND_CHANNELS: Record<number, number> = { 1: 0, 2: 3, 3: 4 };

/**
 * The images a page paints (`paintImageXObject`, `paintInlineImageXObject`), decoded by pdfjs and re-encoded
 * as PNG for the OCR worker. An image pdfjs did not decode, of an unknown kind or too large is skipped.
 */
export async function pageImages(
  ops: PdfOps,
  OPS: Readonly<Record<string, number>>,
  page: Pick<PdfPage, 'objs' | 'commonObjs'>,
  maxImages: number,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    let img: unknown;
    if (fn === OPS.paintImageXObject) {
      const id = args[0];
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
      img = await decoded(objs, id);
    } else if (fn === OPS.paintInlineImageXObject) img = args[0];
    else continue;
    const png = imageToPng(img as PdfImage | undefined);
    if (png) out.push(png);
    if (out.length > maxImages) break; // one over: the caller reports the truncation
  }
  return out;
}

/** How long to wait for pdfjs to hand over one decoded image before skipping it. */
const IMAGE_WAIT_MS = 5_000;

function decoded(objs: PdfObjs, id: string): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), IMAGE_WAIT_MS);
    try {
      objs.get(id, (data) => {
        clearTimeout(timer);
        resolve(data);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

function imageToPng(img: PdfImage | undefined): Uint8Array | undefined {
  if (!img || typeof img !== 'object') return undefined;
  const { width, height, kind, data } = img;
  if (typeof width !== 'number' || typeof height !== 'number' || typeof kind !== 'number') return undefined;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) return undefined;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) return undefined;
  if (width * height > MAX_IMAGE_PIXELS) return undefined;
  const channels = IMAGE_KIND_CHANNELS[kind];
  if (channels === undefined) return undefined;
  const rowBytes = channels === 0 ? (width + 7) >> 3 : width * channels;
  if (data.length < rowBytes * height) return undefined;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = 0; // filter: none
    raw.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = channels === 0 ? 1 : 8;
  ihdr[9] = channels === 0 ? 0 : channels === 3 ? 2 : 6;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> =>
  (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>);

const annotationText = (a: Record<string, unknown>): string[] => {
  const out: string[] = [];
  for (const k of ['contents', 'title', 'fieldValue', 'alternativeText', 'url', 'unsafeUrl']) {
    const v = a[k];
    if (typeof v === 'string') out.push(v);
  }
  const obj = a.contentsObj as { str?: unknown } | undefined;
  if (obj && typeof obj.str === 'string' && !out.includes(obj.str)) out.push(obj.str);
  return out;
};

/** Extracts visible and hidden text from a PDF; a file pdfjs cannot open is DOCUMENT_INVALID. */
export async function extractPdf(bytes: Uint8Array, limits: IngestLimits): Promise<Extracted> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes the buffer over; keep the caller's
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PdfDoc;
  try {
    doc = await task.promise;
  } catch (cause) {
    await task.destroy().catch(() => undefined);
    const name = (cause as { name?: unknown }).name;
    const why = name === 'PasswordException' ? 'it is encrypted with a password' : 'it is not a readable PDF';
    throw new RampartError('DOCUMENT_INVALID', `cannot read the PDF: ${why}`, { cause });
  }
  try {
    const parts: TextPart[] = [];
    const images: ImageRef[] = [];
    const truncated: string[] = [];
    let chars = 0;
    const meta = await doc.getMetadata().catch(() => ({ info: undefined, metadata: undefined }));
    for (const key of METADATA_KEYS) {
      const v = meta.info?.[key];
      if (typeof v === 'string' && collapse(v))
        parts.push({ text: collapse(v), hidden: 'metadata', location: { field: key } });
    }
    const xmp = meta.metadata?.getAll() ?? {};
    for (const [key, v] of Object.entries(xmp)) {
      if (typeof v === 'string' && collapse(v) && !parts.some((p) => p.text === collapse(v)))
        parts.push({ text: collapse(v), hidden: 'metadata', location: { field: key } });
    }
    const pages = Math.min(doc.numPages, limits.maxPages);
    if (doc.numPages > limits.maxPages) truncated.push(`pages after ${limits.maxPages}`);
    for (let n = 1; n <= pages; n++) {
      if (chars >= limits.maxTextChars) {
        truncated.push('text');
        break;
      }
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      for (const part of pageText(ops, lib.OPS, page.view, n)) {
        chars += part.text.length;
        parts.push(part);
      }
      for (const a of await page.getAnnotations()) {
        for (const t of annotationText(a)) {
          if (collapse(t))
            parts.push({
              text: collapse(t),
              hidden: 'annotation',
              location: { page: n, element: `annotation ${String(a.subtype ?? '')}`.trim() },
            });
        }
      }
      for (const img of await pageImages(ops, lib.OPS, page, limits.maxImages - images.length)) {
        if (images.length >= limits.maxImages) {
          if (!truncated.includes('images')) truncated.push('images');
          break;
        }
        images.push({ bytes: img, location: { page: n, image: images.length + 1 } });
      }
      page.cleanup();
    }
    return { parts, images, pages: doc.numPages, truncated };
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    throw new RampartError('DOCUMENT_INVALID', 'cannot read the PDF: a page is damaged', { cause });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
