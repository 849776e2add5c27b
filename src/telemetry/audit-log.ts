// The tamper-evident audit log: one SQLite row per decision, each row's hash covering the previous
// row's hash, and a head row (latest seq + hash) updated in the same transaction. Appends take the
// write lock up front (BEGIN IMMEDIATE), so several gateway processes can share one file.
// The log records what was decided and about what (hashes), never the text — unless store_text is on.
//
// Three ways in. append() commits before it returns (one transaction per row). enqueue() validates at once
// but commits on the next turn of the event loop (setImmediate), all rows queued meanwhile in ONE
// transaction. A caller that must not answer before its decision is on disk awaits committed(), so
// "answered ⇒ audited" still holds, and a failed commit still fails that request. commitFields() commits
// rows validated elsewhere: the gateway's writer thread (audit-writer.ts) uses it, off the request thread.
// What batching costs: a crash (kill -9, power cut) loses at most the rows queued in the current turn,
// whose requests have not been answered yet if they await committed(); everything committed verifies.
// close() commits the queue first, and append()/recent() commit it before they act, so rows are always in
// call order. If a queued commit fails (disk full, lock timeout), its rows stay queued, its committed()
// waiters reject with STORE_UNAVAILABLE, and every later enqueue()/append() retries the commit first and
// throws while it still fails: the gateway fails closed.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RampartError } from '../core/errors.js';
import {
  AUDIT_FORMAT,
  AUDIT_VERSION,
  GENESIS_HASH,
  SCHEMA_SQL,
  checkAuditFormat,
  rowHash,
  type AuditRow,
  type HashedFields,
} from './audit-format.js';

export { sha256Hex } from './audit-format.js';
import { auditFields, type AuditEntry, type AuditFields, type AuditFinding } from './audit-fields.js';
export { auditFields, type AuditEntry, type AuditFields, type AuditFinding } from './audit-fields.js';

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

/** A batch commits as soon as it has this many rows rather than at the end of the turn: under a burst,
 *  the first requests of a turn are not held (awaiting committed()) until the last one is processed,
 *  while the commit is still shared by many rows. */
const MAX_BATCH = 32;

export class AuditLog {
  private closed = false;
  private readonly appendTx: (fields: AuditFields) => { seq: number; hash: string };
  private readonly batchTx: (rows: AuditFields[]) => void;
  private queued: AuditFields[] = [];
  private flushScheduled = false;
  private flushError: unknown;
  /** Resolvers of committed() promises waiting for the queued rows. */
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private readonly onTurn = () => {
    this.flushScheduled = false;
    try {
      this.flush();
    } catch {
      // Kept in flushError; the next enqueue()/append() retries and throws STORE_UNAVAILABLE.
    }
  };
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
    const tx = db.transaction((fields: AuditFields) => {
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
    const batch = db.transaction((rows: AuditFields[]) => {
      const h = head.get();
      if (!h) throw new RampartError('AUDIT_INVALID', `${path} has no head row`);
      let { seq, hash } = h;
      for (const fields of rows) {
        const row: HashedFields = { ...fields, seq: seq + 1 };
        const next = rowHash(hash, row);
        insert.run({ ...row, prev_hash: hash, hash: next });
        seq = row.seq;
        hash = next;
      }
      setHead.run(seq, hash);
    });
    this.batchTx = (rows) => batch.immediate(rows);
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

  /** Validates and commits one row now; returns its seq and hash. */
  append(entry: AuditEntry): { seq: number; hash: string } {
    const fields = this.fieldsOf(entry);
    this.flush(); // rows queued earlier go first
    try {
      return this.appendTx(fields);
    } catch (e) {
      throw this.storeError(e);
    }
  }

  /**
   * Validates now (INPUT_INVALID throws here) and queues the row; it is committed with the others queued
   * in this turn of the event loop. Throws STORE_UNAVAILABLE when the log is closed or an earlier queued
   * commit failed and still fails.
   */
  enqueue(entry: AuditEntry): void {
    const fields = this.fieldsOf(entry);
    if (this.flushError !== undefined) this.flush();
    this.queued.push(fields);
    if (this.queued.length >= MAX_BATCH) this.flush();
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.onTurn);
  }

  /** Resolves once every row enqueued so far is committed; rejects (STORE_UNAVAILABLE) if that commit
   *  fails. Already settled when nothing is queued. */
  committed(): Promise<void> {
    if (this.queued.length === 0) return Promise.resolve();
    this.scheduleFlush(); // rows left queued by a failed commit have no turn scheduled yet
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Commits the queued rows in one transaction (a no-op when none are queued). */
  flush(): void {
    if (this.queued.length === 0) return;
    const rows = this.queued;
    const waiters = this.waiters;
    this.waiters = [];
    try {
      this.batchTx(rows);
    } catch (e) {
      this.flushError = e;
      const err = this.storeError(e);
      for (const w of waiters) w.reject(err);
      throw err;
    }
    this.flushError = undefined;
    this.queued = [];
    for (const w of waiters) w.resolve();
  }

  private storeError(e: unknown): RampartError {
    if (e instanceof RampartError) return e;
    // SQLITE_BUSY after the timeout, disk full, file removed: the caller decides whether to fail closed.
    return new RampartError('STORE_UNAVAILABLE', `cannot append to audit log ${this.path}`, { cause: e });
  }

  private fieldsOf(entry: AuditEntry): AuditFields {
    if (this.closed) throw new RampartError('STORE_UNAVAILABLE', 'the audit log is closed');
    return auditFields(entry, this.storeText);
  }

  /**
   * Commits rows validated elsewhere (auditFields) in one transaction, after anything queued here: the
   * worker-thread writer's path. Throws STORE_UNAVAILABLE when the commit fails; nothing is kept then.
   */
  commitFields(rows: readonly AuditFields[]): void {
    if (this.closed) throw new RampartError('STORE_UNAVAILABLE', 'the audit log is closed');
    this.flush();
    if (rows.length === 0) return;
    try {
      this.batchTx([...rows]);
    } catch (e) {
      throw this.storeError(e);
    }
  }

  /** The latest `n` rows, newest first, without text (for debugging and the dashboard). */
  recent(n: number): AuditRecord[] {
    const limit = Math.max(0, Math.min(1000, Math.floor(n)));
    this.flush();
    return this.recentStmt.all(limit).map(toRecord);
  }

  /**
   * Turns SQLite's automatic WAL checkpoint off: only for a caller that runs checkpoint() itself (the
   * gateway's writer thread), or the WAL grows without bound.
   */
  pauseAutoCheckpoint(): void {
    if (!this.closed) this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Copies committed WAL pages into the database (PASSIVE: never waits for readers or writers). */
  checkpoint(): void {
    if (!this.closed) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Commits what is queued, then closes. A failing final commit still closes the file, then throws. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      this.db.close();
    }
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
