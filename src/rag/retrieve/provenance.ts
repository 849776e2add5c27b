// What a retrieved chunk carries into the prompt and the answer: where it came from (document id, chunk
// number, hashes) and what ingestion decided about it, so an answer's citation can be traced to the bytes
// that were scanned.
import type { Action } from '../../core/types.js';
import type { UntrustedDocument } from '../spotlight/spotlight.js';
import type { ChunkAcl } from './principal.js';

export interface Provenance {
  doc: string;
  chunk: number;
  /** sha256 (hex) of the chunk text as stored at ingest, re-checked on every retrieval. */
  sha256: string;
  /** sha256 (hex) of the whole document at ingest. */
  docSha256: string;
  /** The ingestion scan's decision for the document. */
  ingest: Action;
}

export interface RetrievedChunk {
  id: string;
  text: string;
  /** Cosine distance to the query (0: same direction). */
  distance: number;
  acl: ChunkAcl;
  provenance: Provenance;
}

/** Spotlight input for retrieved chunks: cite labels S1…Sn in rank order, provenance in the block header. */
export function toUntrustedDocuments(chunks: readonly RetrievedChunk[]): UntrustedDocument[] {
  return chunks.map((c, i) => ({
    text: c.text,
    cite: `S${i + 1}`,
    provenance: {
      doc: c.provenance.doc,
      chunk: c.provenance.chunk,
      sha256: c.provenance.sha256,
      ingest: c.provenance.ingest,
    },
  }));
}
