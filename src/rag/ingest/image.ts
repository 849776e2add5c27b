// Images: text in EXIF/IPTC/XMP/PNG-text metadata (exifr), and the test for text that only OCR finds: words
// read from an image that the document's visible text does not contain are `hidden_text.image`.
import exifr from 'exifr';
import { collapse } from './text.js';
import type { TextPart } from './types.js';

/** Metadata fields that describe the file, not its content (never instructions worth scanning). */
const TECHNICAL = new Set([
  'Make',
  'Model',
  'Software',
  'ColorSpace',
  'ColorType',
  'Compression',
  'Filter',
  'Interlace',
  'ExifVersion',
  'FlashpixVersion',
  'ModifyDate',
  'DateTimeOriginal',
  'CreateDate',
  'ResolutionUnit',
  'YCbCrPositioning',
  'Orientation',
  'about',
  'format',
  'xmlns',
]);
const MAX_FIELDS = 200;

/** Text-bearing metadata of an image, one part per field; an image exifr cannot read has none. */
export async function imageMetadataText(bytes: Uint8Array, image?: number): Promise<TextPart[]> {
  let meta: Record<string, unknown> | undefined;
  try {
    meta = (await exifr.parse(Buffer.from(bytes), {
      tiff: true,
      ifd0: {},
      exif: true,
      xmp: true,
      iptc: true,
      icc: false,
      gps: false,
      ihdr: true, // PNG text chunks (tEXt, iTXt) come with this block
      userComment: true,
      mergeOutput: true,
      silentErrors: true,
    } as never)) as Record<string, unknown> | undefined;
  } catch {
    return [];
  }
  const parts: TextPart[] = [];
  for (const [field, value] of Object.entries(meta ?? {})) {
    if (parts.length >= MAX_FIELDS || TECHNICAL.has(field)) continue;
    const text =
      typeof value === 'string'
        ? value
        : Array.isArray(value) && value.every((v) => typeof v === 'string')
          ? value.join(' ')
          : value instanceof Uint8Array
            ? Buffer.from(value).toString('utf8').replace(/\0/g, '')
            : '';
    const t = collapse(text);
    if (t.length >= 3)
      parts.push({ text: t, hidden: 'exif', location: { field, ...(image ? { image } : {}) } });
  }
  return parts;
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];

/** Share of OCR words absent from the visible text above which the image's text counts as OCR-only. */
const NEW_WORD_SHARE = 0.3;

/**
 * The OCR text if it is not already in the visible text (at least 3 words, 30% or more of them new), else
 * undefined. For an image file the visible text is empty, so any text read is OCR-only.
 */
export function ocrOnlyText(ocrText: string, visibleText: string): string | undefined {
  const found = words(ocrText);
  if (found.length < 3) return undefined;
  const seen = new Set(words(visibleText));
  const fresh = found.filter((w) => !seen.has(w)).length;
  return fresh / found.length >= NEW_WORD_SHARE ? collapse(ocrText) : undefined;
}
