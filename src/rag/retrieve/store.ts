// The tenant-isolated chunk store on LanceDB (embedded, a folder on disk). Isolation is enforced twice:
// the principal's ACL is a pre-filter in the store query (acl-filter.ts), so the vector search never
// ranks another tenant's chunks, and every returned chunk is re-checked in code (principal.ts) along with
// its hash: a chunk whose text no longer matches the hash taken at ingest, or whose source document has
// changed since, is refused, never passed to the model.
//
// LanceDB (~160 MB with its native binary) is an optional peer dependency: it loads here, on the first
// openChunkStore(), and its absence is a VECTOR_STORE_ERROR, not an import failure of rampart/rag.
import { createHash } from 'node:crypto';
import type { Connection, Table } from '@lancedb/lancedb';
import { RampartError } from '../../core/errors.js';
import type { Action } from '../../core/types.js';
import { aclWhere, sqlString } from './acl-filter.js';
import { chunkText, DEFAULT_CHUNK_CHARS } from './chunk.js';
import { hashingEmbedder, type Embedder } from './embedder.js';
import {
  canRead,
  CLASSIFICATIONS,
  classificationLevel,
  validateAcl,
  type Classification,
  type Principal,
} from './principal.js';
import type { RetrievedChunk } from './provenance.js';

export interface DocumentInput {
  docId: string;
  text: string;
  tenant: string;
  /** Groups allowed to read; empty or absent: the whole tenant. */
  groups?: readonly string[];
  classification?: Classification;
  /** The ingestion scan's decision (`scanDocument`); chunks of a blocked document are stored but never returned. */
  ingest?: Action;
  /** sha256 (hex) of the source document as ingested; default: of `text`. */
  sha256?: string;
}

export type RefusalReason = 'acl' | 'hash_mismatch' | 'document_changed' | 'ingest_blocked';

export interface Refusal {
  id: string;
  reason: RefusalReason;
}

export interface RetrieveOptions {
  /** Chunks to return (default 5, at most 100). */
  k?: number;
  /**
   * The current sha256 of a source document, from where the application keeps it: a chunk whose document
   * hash differs from the one recorded at ingest (or whose document is gone: undefined) is refused.
   */
  documentHash?: (docId: string) => string | undefined | Promise<string | undefined>;
}

export interface RetrieveResult {
  chunks: RetrievedChunk[];
  /** Chunks the store returned that were withheld, and why (no text). */
  refused: Refusal[];
}

export interface ChunkStore {
  readonly embedder: Embedder;
  /** Chunks, embeds and stores a document, replacing an earlier version with the same tenant and id. */
  addDocument(doc: DocumentInput): Promise<{ chunks: number }>;
  retrieve(principal: Principal, query: string, opts?: RetrieveOptions): Promise<RetrieveResult>;
  close(): void;
}

export interface ChunkStoreOptions {
  /** Folder of the LanceDB database. */
  dir: string;
  table?: string;
  /** Default: the offline hashing embedder. */
  embedder?: Embedder;
  chunkChars?: number;
  maxDocumentChars?: number;
  maxQueryChars?: number;
}

const RETRIEVABLE: ReadonlySet<string> = new Set<Action>(['allow', 'flag', 'redact']);
const EMBEDDER_KEY = 'rampart.embedder';
const MAX_K = 100;
const COLUMNS = [
  'id',
  'doc_id',
  'chunk',
  'text',
  'sha256',
  'doc_sha256',
  'tenant',
  'groups',
  'classification',
  'ingest',
];

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

const storeError = (what: string, cause?: unknown): never => {
  throw new RampartError('VECTOR_STORE_ERROR', what, { cause });
};

export async function openChunkStore(o: ChunkStoreOptions): Promise<ChunkStore> {
  const embedder = o.embedder ?? hashingEmbedder();
  const chunkChars = o.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const maxDocumentChars = o.maxDocumentChars ?? 4 * 1024 * 1024;
  const maxQueryChars = o.maxQueryChars ?? 8 * 1024;
  const name = o.table ?? 'chunks';

  let lancedb: typeof import('@lancedb/lancedb');
  let arrow: typeof import('apache-arrow');
  try {
    [lancedb, arrow] = await Promise.all([import('@lancedb/lancedb'), import('apache-arrow')]);
  } catch (e) {
    return storeError('rampart/rag needs the optional packages @lancedb/lancedb and apache-arrow', e);
  }

  let db: Connection;
  let table: Table;
  try {
    // Strong consistency: every query sees the latest version, so a chunk rewritten by another process
    // (or another connection) is hash-checked as it is now, not as this handle last saw it.
    db = await lancedb.connect(o.dir, { readConsistencyInterval: 0 });
    const schema = new arrow.Schema(
      [
        new arrow.Field('id', new arrow.Utf8(), false),
        new arrow.Field('doc_id', new arrow.Utf8(), false),
        new arrow.Field('chunk', new arrow.Int32(), false),
        new arrow.Field('text', new arrow.Utf8(), false),
        new arrow.Field('sha256', new arrow.Utf8(), false),
        new arrow.Field('doc_sha256', new arrow.Utf8(), false),
        new arrow.Field('tenant', new arrow.Utf8(), false),
        new arrow.Field('groups', new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)), false),
        new arrow.Field('classification', new arrow.Utf8(), false),
        new arrow.Field('class_level', new arrow.Int32(), false),
        new arrow.Field('ingest', new arrow.Utf8(), false),
        new arrow.Field(
          'vector',
          new arrow.FixedSizeList(embedder.dim, new arrow.Field('item', new arrow.Float32(), true)),
          false,
        ),
      ],
      new Map([[EMBEDDER_KEY, embedder.id]]),
    );
    table = (await db.tableNames()).includes(name)
      ? await db.openTable(name)
      : await db.createEmptyTable(name, schema, { mode: 'create', existOk: true });
  } catch (e) {
    return storeError(`could not open the chunk store (${(e as Error)?.name ?? 'error'})`, e);
  }
  const recorded = (await table.schema()).metadata.get(EMBEDDER_KEY);
  if (recorded !== embedder.id) {
    table.close();
    db.close();
    return storeError(`the store was built with embedder ${recorded ?? '(none)'}, not ${embedder.id}`);
  }

  async function embed(texts: readonly string[]): Promise<number[][]> {
    const vectors = await embedder.embed(texts);
    if (vectors.length !== texts.length || vectors.some((v) => v.length !== embedder.dim))
      return storeError(`embedder ${embedder.id} returned vectors of the wrong count or length`);
    return vectors;
  }

  return {
    embedder,

    async addDocument(doc) {
      const groups = doc.groups ?? [];
      const classification = doc.classification ?? 'internal';
      validateAcl(
        doc.tenant,
        groups,
        classification,
        `document ${JSON.stringify(String(doc.docId).slice(0, 80))}`,
      );
      if (typeof doc.docId !== 'string' || doc.docId.length === 0 || doc.docId.length > 1024)
        throw new RampartError('INPUT_INVALID', 'docId must be a string of 1 to 1024 characters');
      if (typeof doc.text !== 'string')
        throw new RampartError('INPUT_INVALID', 'document text must be a string');
      if (doc.sha256 !== undefined && !/^[0-9a-f]{64}$/u.test(doc.sha256))
        throw new RampartError('INPUT_INVALID', 'sha256 must be 64 lower-case hex characters');
      if (doc.text.length > maxDocumentChars)
        throw new RampartError('INPUT_TOO_LARGE', `document over ${maxDocumentChars} characters`);
      const chunks = chunkText(doc.text, chunkChars);
      const vectors = await embed(chunks);
      const docSha256 = doc.sha256 ?? sha256Hex(doc.text);
      const rows = chunks.map((text, i) => ({
        id: `${doc.docId}#${i}`,
        doc_id: doc.docId,
        chunk: i,
        text,
        sha256: sha256Hex(text),
        doc_sha256: docSha256,
        tenant: doc.tenant,
        groups: [...groups],
        classification,
        class_level: classificationLevel(classification),
        ingest: doc.ingest ?? 'allow',
        vector: vectors[i]!,
      }));
      try {
        await table.delete(`tenant = ${sqlString(doc.tenant)} AND doc_id = ${sqlString(doc.docId)}`);
        if (rows.length > 0) await table.add(rows);
      } catch (e) {
        return storeError(`could not store the document (${(e as Error)?.name ?? 'error'})`, e);
      }
      return { chunks: rows.length };
    },

    async retrieve(principal, query, opts = {}) {
      const where = aclWhere(principal);
      if (typeof query !== 'string') throw new RampartError('INPUT_INVALID', 'query must be a string');
      if (query.length > maxQueryChars)
        throw new RampartError('INPUT_TOO_LARGE', `query over ${maxQueryChars} characters`);
      const k = opts.k ?? 5;
      if (!Number.isInteger(k) || k < 1 || k > MAX_K)
        throw new RampartError('INPUT_INVALID', `k must be an integer from 1 to ${MAX_K}`);
      const [vector] = await embed([query]);
      let rows: Array<Record<string, unknown>>;
      try {
        rows = (await table
          .vectorSearch(vector!)
          .distanceType('cosine')
          .where(where)
          .select(COLUMNS)
          .limit(k)
          .toArray()) as Array<Record<string, unknown>>;
      } catch (e) {
        return storeError(`the store query failed (${(e as Error)?.name ?? 'error'})`, e);
      }

      const chunks: RetrievedChunk[] = [];
      const refused: RetrieveResult['refused'] = [];
      for (const row of rows) {
        const c = readRow(row);
        const refuse = (reason: RefusalReason) => refused.push({ id: c.id, reason });
        if (!canRead(principal, c.acl)) refuse('acl');
        else if (!RETRIEVABLE.has(c.provenance.ingest)) refuse('ingest_blocked');
        else if (sha256Hex(c.text) !== c.provenance.sha256) refuse('hash_mismatch');
        else if (opts.documentHash && (await opts.documentHash(c.provenance.doc)) !== c.provenance.docSha256)
          refuse('document_changed');
        else chunks.push(c);
      }
      return { chunks, refused };
    },

    close() {
      table.close();
      db.close();
    },
  };
}

function readRow(row: Record<string, unknown>): RetrievedChunk {
  const str = (k: string) => String(row[k] ?? '');
  const classification = str('classification') as Classification;
  return {
    id: str('id'),
    text: str('text'),
    distance: Number(row._distance),
    acl: {
      tenant: str('tenant'),
      groups: Array.from((row.groups ?? []) as Iterable<unknown>, String),
      // An unknown value fails canRead (it is not in CLASSIFICATIONS), never reads as public.
      classification: CLASSIFICATIONS.includes(classification)
        ? classification
        : ('unknown' as Classification),
    },
    provenance: {
      doc: str('doc_id'),
      chunk: Number(row.chunk),
      sha256: str('sha256'),
      docSha256: str('doc_sha256'),
      ingest: str('ingest') as Action,
    },
  };
}
