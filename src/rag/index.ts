// The public API of rampart/rag. Re-exports only: importing it loads no vector store (LanceDB loads on
// first use of openChunkStore).
export {
  spotlight,
  unmark,
  SPOTLIGHT_MODES,
  DEFAULT_MAX_SPOTLIGHT_CHARS,
  type SpotlightMode,
  type SpotlightOptions,
  type Spotlighted,
  type UntrustedDocument,
} from './spotlight/spotlight.js';
export {
  buildSpotlightedPrompt,
  type PromptMessage,
  type SpotlightedPrompt,
  type SpotlightedPromptInput,
} from './spotlight/prompt.js';
export {
  openChunkStore,
  sha256Hex,
  type ChunkStore,
  type ChunkStoreOptions,
  type DocumentInput,
  type Refusal,
  type RefusalReason,
  type RetrieveOptions,
  type RetrieveResult,
} from './retrieve/store.js';
export {
  canRead,
  CLASSIFICATIONS,
  type Classification,
  type ChunkAcl,
  type Principal,
} from './retrieve/principal.js';
export { aclWhere } from './retrieve/acl-filter.js';
export { chunkText, DEFAULT_CHUNK_CHARS } from './retrieve/chunk.js';
export { hashingEmbedder, DEFAULT_HASHING_DIM, type Embedder } from './retrieve/embedder.js';
export { openAIEmbedder, type OpenAIEmbedderOptions } from './retrieve/openai-embedder.js';
export { toUntrustedDocuments, type Provenance, type RetrievedChunk } from './retrieve/provenance.js';
export {
  checkGrounding,
  type GroundingOptions,
  type GroundingResult,
  type GroundingSource,
  type SentenceGrounding,
  type SentenceStatus,
} from './grounding/grounding.js';
export { spotlightMessages } from './spotlight/messages.js';
export {
  checkStructuredOutput,
  compileStructuredSchema,
  type SchemaIssue,
  type StructuredCheck,
  type StructuredValidator,
} from './structured-output.js';
export {
  createStructuredChecker,
  DEFAULT_STRUCTURED_TIMEOUT_MS,
  type StructuredChecker,
  type StructuredRun,
  type CheckResult,
} from './structured-pool.js';
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
