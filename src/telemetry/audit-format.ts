// The on-disk format of the audit log, shared by the writer (audit-log.ts) and the verifier
// (audit-verify.ts): schema, the canonical form of a row, and how its hash chains to the previous one.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RampartError } from '../core/errors.js';

export const AUDIT_FORMAT = 'rampart-audit';
export const AUDIT_VERSION = '1';
/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS rampart_audit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  key_id TEXT,
  tenant TEXT,
  route TEXT,
  model TEXT,
  stage TEXT NOT NULL,
  action TEXT NOT NULL,
  categories TEXT NOT NULL,
  findings TEXT NOT NULL,
  input_sha256 TEXT,
  output_sha256 TEXT,
  text TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- One row: the latest seq and hash, written in the same transaction as the row itself. A log whose
-- last rows were deleted still chains perfectly; only the head shows that rows are missing.
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
`;

/** A row as stored; every field but prev_hash and hash is covered by the hash. */
export interface AuditRow {
  seq: number;
  ts: string;
  decision_id: string;
  key_id: string | null;
  tenant: string | null;
  route: string | null;
  model: string | null;
  stage: string;
  action: string;
  /** JSON array of category strings. */
  categories: string;
  /** JSON array of {scanner, category, score, span, action}. */
  findings: string;
  input_sha256: string | null;
  output_sha256: string | null;
  text: string | null;
  prev_hash: string;
  hash: string;
}

export type HashedFields = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** JSON with object keys sorted at every depth, so the same value always serializes to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object: the same UTF-8 bytes and digest,
// cheaper on the gateway's hot path (two text hashes and two row hashes per request).
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
export const sha256Hex: (s: string) => string = oneShot
  ? (s) => oneShot('sha256', s, 'hex')
  : (s) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The hashed fields in canonicalJson's (sorted) key order; rowHash writes them in this order directly. */
const HASHED_KEYS = [
  'action',
  'categories',
  'decision_id',
  'findings',
  'input_sha256',
  'key_id',
  'model',
  'output_sha256',
  'route',
  'seq',
  'stage',
  'tenant',
  'text',
  'ts',
] as const satisfies ReadonlyArray<keyof HashedFields>;

/** hash = sha256(prev_hash + canonical JSON of the row's fields). The seq is hashed, so moving a row breaks it.
 *  Builds exactly the bytes canonicalJson would for this flat object (keys sorted, undefined fields left
 *  out, values are strings, numbers or null), without sorting and copying on every append. */
export function rowHash(prevHash: string, f: HashedFields): string {
  let json = '{';
  for (const k of HASHED_KEYS) {
    const v = f[k];
    if (v === undefined) continue;
    if (json.length > 1) json += ',';
    json += `"${k}":${canonicalJson(v)}`;
  }
  return sha256Hex(`${prevHash}${json}}`);
}

/**
 * Check that an open database is a Rampart audit log (or is empty, when `allowEmpty`). Any SQLite
 * failure here means the file is not a database we can read: SQLITE_NOTADB for garbage, and so on.
 * Returns false for an empty database that still needs its schema.
 */
export function checkAuditFormat(db: Database.Database, path: string, allowEmpty: boolean): boolean {
  let tables: string[];
  let format: string | undefined;
  let version: string | undefined;
  try {
    tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>
    ).map((r) => r.name);
    if (tables.includes('rampart_audit_meta')) {
      const meta = db.prepare(`SELECT name, value FROM rampart_audit_meta`).all() as Array<{
        name: string;
        value: string;
      }>;
      format = meta.find((m) => m.name === 'format')?.value;
      version = meta.find((m) => m.name === 'version')?.value;
    }
  } catch (cause) {
    throw new RampartError('AUDIT_INVALID', `${path} is not a readable SQLite database`, { cause });
  }
  if (tables.length === 0 && allowEmpty) return false;
  if (format !== AUDIT_FORMAT || !tables.includes('audit_log') || !tables.includes('audit_head')) {
    throw new RampartError('AUDIT_INVALID', `${path} is not a Rampart audit log`);
  }
  if (version !== AUDIT_VERSION) {
    throw new RampartError('AUDIT_INVALID', `${path} is a Rampart audit log of an unknown version`);
  }
  return true;
}
