// The tamper-evident audit log: one SQLite row per decision, each row's hash covering the previous
// row's hash, and a head row (latest seq + hash) updated in the same transaction. Appends take the
// write lock up front (BEGIN IMMEDIATE), so several gateway processes can share one file.
// The log records what was decided and about what (hashes), never the text — unless store_text is on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RampartError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import {
  AUDIT_FORMAT,
  AUDIT_VERSION,
  GENESIS_HASH,
  SCHEMA_SQL,
  canonicalJson,
  checkAuditFormat,
  rowHash,
  type AuditRow,
  type HashedFields,
} from './audit-format.js';

export { sha256Hex } from './audit-format.js';

export interface AuditEntry {
  decisionId: string;
  stage: string;
  action: string;
  findings: readonly Finding[];
  /** Defaults to the distinct categories of `findings`. */
  categories?: readonly string[];
  keyId?: string;
  tenant?: string;
  route?: string;
  model?: string;
  /** sha256 hex of the input / output text (see sha256Hex): proves which text was judged without keeping it. */
  inputSha256?: string;
  outputSha256?: string;
  /** Kept only when the log was opened with storeText. */
  text?: string;
  /** Defaults to now. */
  ts?: Date;
}

/** A finding as the audit log keeps it: no message, no matched value, no text. */
export interface AuditFinding {
  scanner: string;
  category: string;
  score: number;
  span: [number, number] | null;
  action: string | null;
}

export interface AuditRecord {
  seq: number;
  ts: string;
  decisionId: string;
  keyId: string | null;
  tenant: string | null;
  route: string | null;
  model: string | null;
  stage: string;
  action: string;
  categories: string[];
  findings: AuditFinding[];
  inputSha256: string | null;
  outputSha256: string | null;
  hash: string;
}

export interface AuditOpenOptions {
  storeText?: boolean;
  /**
   * SQLite synchronous mode. 'full' (default) makes every committed decision survive a power cut, at
   * an fsync per append (about 1.7 ms on the dev machine, blocking the event loop); 'normal' survives a
   * process crash (kill -9) but may lose the last decisions on a power cut, at about 0.1 ms per append.
   */
  synchronous?: 'full' | 'normal';
  /** How long an append waits for another process holding the write lock (default 5000 ms). */
  busyTimeoutMs?: number;
}

// Bounds: the audit row is written on every request, so a hostile request must not make it huge.
const MAX_ID = 256;
const MAX_FINDINGS = 256;
const MAX_CATEGORIES = 64;
const MAX_TEXT = 1 << 20;
const LABEL = /^[a-z][a-z0-9_]{0,31}$/;
const HEX64 = /^[0-9a-f]{64}$/;

function optId(v: string | undefined, field: string): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'string' || v.length > MAX_ID) {
    throw new RampartError(
      'INPUT_INVALID',
      `audit entry: ${field} must be a string of at most ${MAX_ID} characters`,
    );
  }
  return v;
}

function optHash(v: string | undefined, field: string): string | null {
  if (v === undefined) return null;
  if (!HEX64.test(v))
    throw new RampartError('INPUT_INVALID', `audit entry: ${field} must be a lowercase sha256 hex digest`);
  return v;
}

function label(v: string, field: string): string {
  if (!LABEL.test(v)) throw new RampartError('INPUT_INVALID', `audit entry: ${field} is not a valid name`);
  return v;
}

function auditFinding(f: Finding): AuditFinding {
  const span =
    f.span && Number.isInteger(f.span[0]) && Number.isInteger(f.span[1])
      ? ([f.span[0], f.span[1]] as [number, number])
      : null;
  return {
    scanner: String(f.scanner).slice(0, MAX_ID),
    category: String(f.category).slice(0, MAX_ID),
    score: Number.isFinite(f.score) ? f.score : 0,
    span,
    action: f.action ?? null,
  };
}

export class AuditLog {
  private closed = false;
  private readonly appendTx: (fields: Omit<HashedFields, 'seq'>) => { seq: number; hash: string };
  private readonly recentStmt: Database.Statement<[number], AuditRow>;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly storeText: boolean,
  ) {
    const head = db.prepare<[], { seq: number; hash: string }>(
      `SELECT seq, hash FROM audit_head WHERE id = 1`,
    );
    const insert = db.prepare(
      `INSERT INTO audit_log (seq, ts, decision_id, key_id, tenant, route, model, stage, action, categories,
         findings, input_sha256, output_sha256, text, prev_hash, hash)
       VALUES (@seq, @ts, @decision_id, @key_id, @tenant, @route, @model, @stage, @action, @categories,
         @findings, @input_sha256, @output_sha256, @text, @prev_hash, @hash)`,
    );
    const setHead = db.prepare(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`);
    const tx = db.transaction((fields: Omit<HashedFields, 'seq'>) => {
      // Read the head inside the write transaction: another process may have appended since our last call.
      const h = head.get();
      if (!h) throw new RampartError('AUDIT_INVALID', `${path} has no head row`);
      const row: HashedFields = { ...fields, seq: h.seq + 1 };
      const hash = rowHash(h.hash, row);
      insert.run({ ...row, prev_hash: h.hash, hash });
      setHead.run(row.seq, hash);
      return { seq: row.seq, hash };
    });
    this.appendTx = (fields) => tx.immediate(fields);
    this.recentStmt = db.prepare<[number], AuditRow>(`SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?`);
  }

  /** Open (creating directories and schema if needed). A file that is not a Rampart audit log → AUDIT_INVALID. */
  static open(path: string, opts: AuditOpenOptions = {}): AuditLog {
    let db: Database.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
    } catch (cause) {
      throw new RampartError('AUDIT_INVALID', `cannot open audit log ${path}`, { cause });
    }
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
      if (!checkAuditFormat(db, path, true)) initSchema(db, path);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    } catch (e) {
      db.close();
      if (e instanceof RampartError) throw e;
      throw new RampartError('AUDIT_INVALID', `${path} is not a usable audit log`, { cause: e });
    }
    return new AuditLog(db, path, opts.storeText ?? false);
  }

  append(entry: AuditEntry): { seq: number; hash: string } {
    if (this.closed) throw new RampartError('STORE_UNAVAILABLE', 'the audit log is closed');
    const categories = [...new Set(entry.categories ?? entry.findings.map((f) => f.category))]
      .slice(0, MAX_CATEGORIES)
      .map((c) => String(c).slice(0, MAX_ID));
    const ts = (entry.ts ?? new Date()).toISOString();
    const fields: Omit<HashedFields, 'seq'> = {
      ts,
      decision_id: optId(entry.decisionId, 'decisionId') ?? '',
      key_id: optId(entry.keyId, 'keyId'),
      tenant: optId(entry.tenant, 'tenant'),
      route: optId(entry.route, 'route'),
      model: optId(entry.model, 'model'),
      stage: label(entry.stage, 'stage'),
      action: label(entry.action, 'action'),
      categories: canonicalJson(categories),
      findings: canonicalJson(entry.findings.slice(0, MAX_FINDINGS).map(auditFinding)),
      input_sha256: optHash(entry.inputSha256, 'inputSha256'),
      output_sha256: optHash(entry.outputSha256, 'outputSha256'),
      text: this.storeText && typeof entry.text === 'string' ? entry.text.slice(0, MAX_TEXT) : null,
    };
    if (fields.decision_id === '')
      throw new RampartError('INPUT_INVALID', 'audit entry: decisionId is required');
    try {
      return this.appendTx(fields);
    } catch (e) {
      if (e instanceof RampartError) throw e;
      // SQLITE_BUSY after the timeout, disk full, file removed: the caller decides whether to fail closed.
      throw new RampartError('STORE_UNAVAILABLE', `cannot append to audit log ${this.path}`, { cause: e });
    }
  }

  /** The latest `n` rows, newest first, without text (for debugging and the dashboard). */
  recent(n: number): AuditRecord[] {
    const limit = Math.max(0, Math.min(1000, Math.floor(n)));
    return this.recentStmt.all(limit).map(toRecord);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

function toRecord(r: AuditRow): AuditRecord {
  return {
    seq: r.seq,
    ts: r.ts,
    decisionId: r.decision_id,
    keyId: r.key_id,
    tenant: r.tenant,
    route: r.route,
    model: r.model,
    stage: r.stage,
    action: r.action,
    categories: JSON.parse(r.categories) as string[],
    findings: JSON.parse(r.findings) as AuditFinding[],
    inputSha256: r.input_sha256,
    outputSha256: r.output_sha256,
    hash: r.hash,
  };
}

function initSchema(db: Database.Database, path: string): void {
  // IMMEDIATE: two processes creating the same new file must not both write the schema and head.
  db.transaction(() => {
    if (checkAuditFormat(db, path, true)) return; // the other process won the race
    db.exec(SCHEMA_SQL);
    const meta = db.prepare(`INSERT OR IGNORE INTO rampart_audit_meta (name, value) VALUES (?, ?)`);
    meta.run('format', AUDIT_FORMAT);
    meta.run('version', AUDIT_VERSION);
    db.prepare(`INSERT OR IGNORE INTO audit_head (id, seq, hash) VALUES (1, 0, ?)`).run(GENESIS_HASH);
  }).immediate();
}
