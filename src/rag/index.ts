// rampart/rag: retrieval-augmented generation helpers. Re-exports only.
export { scanDocument, type ScanDocumentOptions } from './ingest/scan-document.js';
export {
  scanFolder,
  type ScanFolderOptions,
  type FolderReport,
  type FolderDocument,
} from './ingest/folder.js';
export { renderIngestHtml } from './ingest/report-html.js';
export { createOcr, type Ocr, type OcrResult } from './ingest/ocr.js';
export { minhash, similarity, nearDuplicates, outliers } from './ingest/minhash.js';
export {
  DEFAULT_INGEST_LIMITS,
  type DocumentFormat,
  type DocumentReport,
  type HiddenHow,
  type IngestFinding,
  type IngestLimits,
  type Location,
} from './ingest/types.js';
