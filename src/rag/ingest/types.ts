// The vocabulary of document ingestion: where a piece of text sat in a document, and how it was hidden.
import type { Action } from '../../core/types.js';

/**
 * How a piece of text was hidden from a person reading the rendered document. A finding for hidden text has
 * the category `hidden_text.<how>`.
 */
export type HiddenHow =
  // HTML / Markdown / SVG (CSS and markup)
  | 'display_none'
  | 'visibility_hidden'
  | 'transparent'
  | 'zero_font'
  | 'same_color'
  | 'offscreen'
  | 'clipped'
  | 'aria_hidden'
  | 'comment'
  | 'alt'
  | 'title'
  | 'noscript'
  | 'template'
  | 'svg_desc'
  // PDF
  | 'invisible_render'
  | 'outside_page'
  | 'tiny_text'
  | 'white_text'
  | 'annotation'
  | 'metadata'
  // DOCX
  | 'docx_hidden'
  | 'docx_comment'
  | 'docx_deleted'
  // images
  | 'image'
  | 'exif';

/** Where a finding sits in its document; every field is optional, a format fills the ones it has. */
export interface Location {
  /** 1-based page (PDF). */
  page?: number;
  /** Element, e.g. `span#promo` (HTML/SVG), `w:r` (DOCX) or `annotation` (PDF). */
  element?: string;
  /** Table cell, e.g. `table 1 row 2 cell 3`. */
  cell?: string;
  /** 1-based image number in the document. */
  image?: number;
  /** Named field: a metadata key, an attribute name, an EXIF tag. */
  field?: string;
}

/** One piece of extracted text: visible (hidden absent) or hidden in one way. */
export interface TextPart {
  text: string;
  location: Location;
  hidden?: HiddenHow;
}

/** An image found inside a document (or the document itself), to be OCR'd. */
export interface ImageRef {
  bytes: Uint8Array;
  location: Location;
}

/** What a format's extractor returns. */
export interface Extracted {
  parts: TextPart[];
  images: ImageRef[];
  pages?: number;
  /** Things left unread because a bound was reached (each becomes an `ingest.truncated` finding). */
  truncated: string[];
}

export type DocumentFormat = 'html' | 'markdown' | 'svg' | 'pdf' | 'docx' | 'image' | 'text';

/** Bounds for one document. */
export interface IngestLimits {
  /** Largest document in bytes (default 20 MiB). */
  maxBytes: number;
  /** PDF pages read (default 200); the rest is reported as truncated. */
  maxPages: number;
  /** Images OCR'd per document (default 20). */
  maxImages: number;
  /** OCR time for one document, all images together, in ms (default 30 s). */
  ocrBudgetMs: number;
  /** Characters of extracted text kept per document (default 2 million). */
  maxTextChars: number;
}

export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 200,
  maxImages: 20,
  ocrBudgetMs: 30_000,
  maxTextChars: 2_000_000,
};

/** A finding in a document: the guard's finding (or an ingest finding) and where it sat. */
export interface IngestFinding {
  scanner: string;
  category: string;
  score: number;
  action: Action;
  message: string;
  location: Location;
  signals?: string[];
}

/** The verdict on one document. */
export interface DocumentReport {
  format: DocumentFormat | 'unknown';
  mime: string;
  bytes: number;
  sha256: string;
  /** The worst action of the findings; `block` when the document could not be read (fail closed). */
  action: Action;
  findings: IngestFinding[];
  /** The visible text, to chunk and embed when the action allows it (hidden text is never included). */
  text: string;
  stats: {
    parts: number;
    hiddenParts: number;
    /** Characters of text extracted, all parts together, and of hidden parts (OCR-only text included). */
    chars: number;
    hiddenChars: number;
    pages?: number;
    images: number;
    /** Milliseconds of OCR per image, in order. */
    ocrMs: number[];
  };
  /** Set when the document could not be read: the error's code and a message without document text. */
  error?: { code: string; message: string };
}
