// Which extractor reads a document: magic numbers first (a file's bytes do not lie about being a PDF, ZIP or
// image), then the MIME type, then the file name's extension, then a look at the start of the text.
import type { DocumentFormat } from './types.js';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((x, i) => b[at + i] === x);

/** The format its signature gives, if any. */
export function magic(b: Uint8Array): DocumentFormat | 'zip' | undefined {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'image'; // PNG
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image'; // JPEG
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'image'; // GIF8
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image'; // WebP
  return undefined;
}

const BY_MIME: Readonly<Record<string, DocumentFormat>> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'image/svg+xml': 'svg',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'text/plain': 'text',
};

const BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  svg: 'svg',
  pdf: 'pdf',
  docx: 'docx',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  txt: 'text',
  text: 'text',
};

/** The MIME type for a file name's extension (application/octet-stream when unknown). */
export function mimeForName(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const format = BY_EXTENSION[ext];
  const mime = Object.entries(BY_MIME).find(
    ([m, f]) => f === format && (f !== 'image' || m.endsWith(ext === 'jpg' ? 'jpeg' : ext)),
  )?.[0];
  return mime ?? 'application/octet-stream';
}

/** The document's format, or undefined when Rampart has no extractor for it. */
export function detectFormat(bytes: Uint8Array, mime: string, name?: string): DocumentFormat | undefined {
  const byMagic = magic(bytes);
  const type = mime.split(';')[0]!.trim().toLowerCase();
  const ext = name ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const declared = BY_MIME[type] ?? BY_EXTENSION[ext];
  if (byMagic === 'zip') return declared === 'docx' || declared === undefined ? 'docx' : undefined;
  if (byMagic) return byMagic;
  // A file that says PDF/DOCX/image but lacks the signature goes to that extractor, which refuses it clearly.
  if (declared) return declared;
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return undefined;
}
