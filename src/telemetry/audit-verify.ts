// Verify an audit log's hash chain and head. Reads one consistent snapshot, streams rows (memory stays
// flat on a large log), and stops at the first problem, naming what kind of tampering it looks like
// and the seq where it starts.
//
// What a hash chain without a secret cannot show: someone with write access who rewrites the tail
// and recomputes every later hash and the head. Anchor the head hash elsewhere (a printed `verify`
// result, a ticket, a second store) to close that gap.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RampartError } from '../core/errors.js';
import { GENESIS_HASH, checkAuditFormat, rowHash, type AuditRow } from './audit-format.js';

export type AuditProblem = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'inserted';

export interface AuditVerifyResult {
  ok: boolean;
  /** Rows in the log. */
  rows: number;
  problem?: AuditProblem;
  /** Where the problem starts. */
  seq?: number;
  /** The head (latest seq and hash) as recorded; worth copying somewhere else as an anchor. */
  head: { seq: number; hash: string };
}

// How far from its place a moved row is looked for. A wider search costs hashes, only on a broken log.
const MOVE_WINDOW = 64;

export function verifyAudit(path: string): AuditVerifyResult {
  if (!existsSync(path)) throw new RampartError('AUDIT_INVALID', `no audit log at ${path}`);
  // Checking a log must not write beside it. Even a read-only SQLite connection creates the -wal and -shm
  // files of a WAL-mode database that no one has open (and cannot remove them: that needs a checkpoint), so
  // such a log — closed cleanly, fully checkpointed — is read from a private copy switched to rollback mode.
  // A log in use (its -wal or -shm exists) is read in place: a copy could miss rows still in the WAL.
  const inUse = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  if (!inUse && isWalMode(path)) return verifyCopy(path);
  return verifyFile(path, path);
}

/** SQLite header bytes 18–19 (file format write/read version) are 2 for a WAL-mode database. */
function isWalMode(path: string): boolean {
  const header = Buffer.alloc(20);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, header, 0, 20, 0);
    return n === 20 && header.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' && header[18] === 2;
  } catch (cause) {
    throw new RampartError('AUDIT_INVALID', `cannot open audit log ${path}`, { cause });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function verifyCopy(path: string): AuditVerifyResult {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'rampart-audit-verify-'));
    const copy = join(dir, 'audit.db');
    try {
      copyFileSync(path, copy);
      const fd = openSync(copy, 'r+');
      try {
        writeSync(fd, Buffer.from([1, 1]), 0, 2, 18); // rollback journal: no -wal or -shm for the copy either
      } finally {
        closeSync(fd);
      }
    } catch (cause) {
      throw new RampartError('AUDIT_INVALID', `cannot copy audit log ${path} to check it`, { cause });
    }
    return verifyFile(copy, path);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Verifies the database at `file`; messages name `path` (the log the user asked about). */
function verifyFile(file: string, path: string): AuditVerifyResult {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new RampartError('AUDIT_INVALID', `cannot open audit log ${path}`, { cause });
  }
  try {
    db.pragma('busy_timeout = 5000');
    checkAuditFormat(db, path, false);
    // One read transaction: rows and head come from the same snapshot even while gateways append.
    return db.transaction(() => verifySnapshot(db))();
  } catch (e) {
    if (e instanceof RampartError) throw e;
    throw new RampartError('AUDIT_INVALID', `cannot read audit log ${path}`, { cause: e });
  } finally {
    db.close();
  }
}

function verifySnapshot(db: Database.Database): AuditVerifyResult {
  const headRow = db.prepare(`SELECT seq, hash FROM audit_head WHERE id = 1`).get() as
    { seq: number; hash: string } | undefined;
  const rows = (db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
  if (!headRow)
    return { ok: false, rows, problem: 'truncated', seq: 1, head: { seq: 0, hash: GENESIS_HASH } };
  const head = { seq: headRow.seq, hash: headRow.hash };
  const fail = (problem: AuditProblem, seq: number): AuditVerifyResult => ({
    ok: false,
    rows,
    problem,
    seq,
    head,
  });
  const hashAt = (hash: string): number | undefined =>
    (db.prepare(`SELECT seq FROM audit_log WHERE hash = ? LIMIT 1`).get(hash) as { seq: number } | undefined)
      ?.seq;

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const row of db
    .prepare(`SELECT * FROM audit_log ORDER BY seq`)
    .iterate() as IterableIterator<AuditRow>) {
    if (row.seq > head.seq) {
      // Rows past the head were not written by the log (it moves the head with every row).
      return fail('inserted', Math.max(expectedSeq, head.seq + 1));
    }
    if (rowHash(row.prev_hash, row) !== row.hash) {
      // The row does not match its own hash. Was it written for another seq (moved), or changed?
      const origin = originalSeq(row);
      if (origin === undefined) return fail('edited', row.seq);
      if (origin < row.seq) return fail('inserted', origin);
      // It belongs further down. If the row it chained to is still in the log, rows were swapped;
      // if that row is gone, rows were deleted and the rest renumbered.
      return fail(hashAt(row.prev_hash) !== undefined ? 'reordered' : 'deleted', row.seq);
    }
    if (row.seq !== expectedSeq) return fail('deleted', expectedSeq);
    if (row.prev_hash !== prevHash) {
      // The row is whole but chains to something else: a predecessor that sits elsewhere (reordered),
      // or one rewritten with a recomputed hash (edited).
      const at = hashAt(row.prev_hash);
      if (at !== undefined && at !== row.seq - 1) return fail('reordered', row.seq);
      return fail('edited', Math.max(1, row.seq - 1));
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  const lastSeq = expectedSeq - 1;
  if (head.seq > lastSeq) return fail('truncated', lastSeq + 1);
  if (head.hash !== prevHash) return fail('edited', Math.max(1, lastSeq));
  return { ok: true, rows, head };
}

/** The seq a row's stored hash was computed for, searched near its current seq. */
function originalSeq(row: AuditRow): number | undefined {
  for (let d = 1; d <= MOVE_WINDOW; d++) {
    for (const s of [row.seq + d, row.seq - d]) {
      if (s >= 1 && rowHash(row.prev_hash, { ...row, seq: s }) === row.hash) return s;
    }
  }
  return undefined;
}
